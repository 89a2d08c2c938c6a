#!/usr/bin/env bash
# Sets up what the tests need when it is missing, then runs every test project of the solution.
# Idempotent: a second run installs nothing. The last line is the total: "N passed, N failed, N skipped".
set -Eeuo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
# No silent exit: a set-up step that fails names itself and its line (docs/testing.md says how to start over).
on_error() {
  local line=${BASH_LINENO[${#BASH_LINENO[@]} - 2]}
  printf 'test.sh: line %s failed (exit %s): %s\n%s\n' "$line" "$1" "$(sed -n "${line}s/^ *//p" "${BASH_SOURCE[0]}")" \
    '  See docs/testing.md, "When set-up fails".' >&2
}
trap 'on_error $?' ERR

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

# 1. Node fixtures for the interop tests (oidc-provider, openid-client, web-push-testing), pinned by package-lock.json.
if [ -f tests/interop/package-lock.json ]; then
  stamp=tests/interop/node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ tests/interop/package-lock.json -nt "$stamp" ]; then
    log "npm ci (tests/interop)"
    npm ci --prefix tests/interop --no-audit --no-fund --loglevel=error
  fi
fi

# 2. Debian's Chromium for the browser tests (no test downloads a browser).
if [ -n "$(ls tests/*/*.csproj 2>/dev/null | xargs -r grep -l 'Microsoft.Playwright' 2>/dev/null)" ] && ! command -v chromium >/dev/null; then
  log "apt-get install chromium"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

# 3. PostgreSQL from Debian's packages: a private cluster on 127.0.0.1, a throw-away role and database.
#    The PostgreSQL test runs read MANDATE_TEST_POSTGRES; without it they are reported as skipped.
log "PostgreSQL (scripts/postgres.sh)"
scripts/postgres.sh
set -a; . .mandate/test-postgres.env; set +a
#    A second cluster that only the PostgreSQL-restart test stops and starts (MANDATE_TEST_POSTGRES_RESTART).
MANDATE_PG_CLUSTER=mandate-restart MANDATE_PG_PORT=55433 MANDATE_PG_ENV_VAR=MANDATE_TEST_POSTGRES_RESTART \
  MANDATE_PG_ENV_FILE=.mandate/test-postgres-restart.env scripts/postgres.sh
set -a; . .mandate/test-postgres-restart.env; set +a

# 4. Build once, then test every project of the solution.
log "dotnet build"
dotnet build Mandate.slnx -c Release -nologo -clp:ErrorsOnly

# 5. The NuGet packages, packed from a copy of the working tree (scripts/test-packages.sh), for
#    tests/Mandate.Packages.Tests, which reads MANDATE_TEST_PACKAGES; without it they are reported as skipped.
log "scripts/test-packages.sh"
scripts/test-packages.sh
set -a; . .mandate/test-packages.env; set +a

# Set-up is done: from here a failure is a test's, reported in the total below, not a set-up step's.
trap - ERR
log "dotnet test"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
set +e
dotnet test Mandate.slnx -c Release --no-build -nologo 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
# The sample outside the solution, from freshly packed packages (samples/BringYourOwnAgent, docs/packages.md).
log "scripts/test-sample.sh"
scripts/test-sample.sh 2>&1 | tee -a "$out"
[ "${PIPESTATUS[0]}" != 0 ] && status=1
set -e

# VSTest prints one summary line per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12 ..."
# ("Skipped!" when every test of the assembly was skipped).
totals=$(awk 'match($0, /(Passed|Failed|Skipped)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/) {
    line = substr($0, RSTART, RLENGTH); gsub(/[^0-9,]/, "", line); split(line, n, ",")
    f += n[1]; p += n[2]; s += n[3] }
  END { printf "%d %d %d", p, f, s }' "$out")
read -r passed failed skipped <<<"${totals:-0 0 0}"
assemblies=$(grep -cE '(Passed|Failed|Skipped)! +- +Failed:' "$out" || true)
expected=$(( $(grep -c '<Project Path="tests/.*\.Tests\.csproj"' Mandate.slnx || true) + 1 ))  # + the sample
if [ "$status" = 0 ] && [ "$assemblies" -lt "$expected" ]; then
  echo "only $assemblies of $expected test projects reported results" >&2
  status=1
fi
# The interop fixtures' own self-test: openid-client against oidc-provider (proves the peers before .NET meets them).
if [ -f tests/interop/selftest.mjs ]; then
  log "node --test tests/interop/selftest.mjs"
  set +e
  node --test --test-reporter=tap tests/interop/selftest.mjs >"$out" 2>&1
  node_status=$?
  set -e
  grep -E '^not ok|^# (tests|pass|fail|skipped)' "$out" || true
  read -r np nf ns <<<"$(awk '/^# pass/{p=$3} /^# fail/{f=$3} /^# skipped/{s=$3} END {printf "%d %d %d", p, f, s}' "$out")"
  passed=$((passed + np)); failed=$((failed + nf)); skipped=$((skipped + ns))
  [ "$node_status" != 0 ] && status=1
fi

[ "$status" != 0 ] && [ "$failed" = 0 ] && failed=1
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
