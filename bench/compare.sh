#!/usr/bin/env bash
# Mandate.Server side by side with npm oidc-provider (the peer), in one run, on loopback, with the same load
# generator (autocannon 9.0.0) at the same concurrency, alternating A/B/A/B. Prints for each scenario both figures
# and the ratio Mandate ÷ oidc-provider:
#   cc    client_credentials tokens/s, p50/p99
#   poll  CIBA token-endpoint polls answered while the request is pending
#   bc    bc-authorize requests/s, each with a fresh ES256 signed request object (signed before each run:
#         load/signed-bodies.mjs; BENCH_SIGNING=live signs each as it is sent)
#
#   bench/compare.sh                      # ≈ 3 scenarios × (2 targets × 2 rounds × 10 s + warm-up) ≈ 3 minutes + build
#
# Settings: BENCH_CONNECTIONS (16), BENCH_DURATION (10), BENCH_ROUNDS (2), BENCH_WARMUP (10), BENCH_SCENARIOS
# (cc,poll,bc), BENCH_SIGNING (ahead), BENCH_SKIP_BUILD=1 (reuse the last build in BENCH_BUILD_DIR), BENCH_JSON=FILE (raw figures).
# When Mandate.Server is absent or does not build or start, it measures the peer alone and says so.
# Stops everything it started, by PID, on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

bench_require node npm dotnet curl
bench_npm

missing=""
if dll="$(bench_build src/Mandate.Server/Mandate.Server.csproj)"; then
  :
else
  missing="src/Mandate.Server is absent or does not build"
fi

bench_start_peer
args=(--peer-env "$PEER_ENV")
if [[ -z "$missing" ]]; then
  if bench_start_mandate "$dll"; then
    args+=(--mandate-env "$MANDATE_ENV")
  else
    missing="Mandate.Server did not start"
  fi
fi
[[ -n "$missing" ]] && args+=(--mandate-missing "$missing")
[[ -n "${BENCH_JSON:-}" ]] && args+=(--json "$BENCH_JSON")

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg); node $(node --version), dotnet $(dotnet --version)"
node "$BENCH_DIR/load/compare.mjs" "${args[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
