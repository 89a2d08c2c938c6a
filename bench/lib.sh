# Shared by the bench/*.sh scripts (source it; bash). Starts the servers under test on loopback and stops exactly
# the processes it started, by PID, when the calling script exits.
#
# Builds happen in a private copy of the sources (BENCH_BUILD_DIR, default $TMPDIR/mandate-bench-build), never in
# the checkout's own obj/ folders, which other builds may be using.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
BENCH_BUILD_DIR="${BENCH_BUILD_DIR:-${TMPDIR:-/tmp}/mandate-bench-build}"
BENCH_PIDS=()

# A private run folder (mode 0700): env files with secrets, data directories, logs. Removed on exit.
BENCH_RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/mandate-bench-run.XXXXXX")"
chmod 700 "$BENCH_RUN_DIR"

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_PIDS[@]}"; do
    # bounded wait: 10 s, then SIGKILL that PID
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [[ "${BENCH_KEEP_RUN_DIR:-0}" == 1 ]]; then
    echo "run folder kept: $BENCH_RUN_DIR (holds secrets; delete it)" >&2
  else
    rm -rf "$BENCH_RUN_DIR"
  fi
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

bench_log() { echo "[bench] $*" >&2; }

# The node packages (autocannon, jose, oidc-provider), pinned by bench/package-lock.json.
bench_npm() {
  if [[ ! -d "$BENCH_DIR/node_modules/autocannon" || "$BENCH_DIR/package-lock.json" -nt "$BENCH_DIR/node_modules/.package-lock.json" ]]; then
    bench_log "npm ci (bench/)"
    npm ci --prefix "$BENCH_DIR" --no-audit --no-fund --loglevel=error >&2
  fi
}

# Copies the sources to BENCH_BUILD_DIR (without bin/obj/node_modules/.git) and builds one project in Release.
# Prints the built assembly's path; returns non-zero (with the reason on stderr) when it does not build.
bench_build() {
  local project="$1" name
  name="$(basename "$project" .csproj)"
  if [[ ! -f "$REPO_DIR/$project" ]]; then
    bench_log "$project does not exist"
    return 1
  fi
  if [[ "${BENCH_SKIP_BUILD:-0}" != 1 && ! -f "$BENCH_RUN_DIR/.sources-copied" ]]; then
    # only ever write into a folder this script made (it holds the marker file) or an empty/new one
    if [[ -d "$BENCH_BUILD_DIR" && -n "$(ls -A "$BENCH_BUILD_DIR")" && ! -f "$BENCH_BUILD_DIR/.mandate-bench-build" ]]; then
      bench_log "BENCH_BUILD_DIR=$BENCH_BUILD_DIR is not empty and was not made by bench/: choose another folder"
      return 1
    fi
    mkdir -p "$BENCH_BUILD_DIR"
    if command -v rsync >/dev/null; then
      rsync -a --delete --exclude bin --exclude obj --exclude node_modules --exclude .git --exclude .mandate \
        --exclude .mandate-bench-build "$REPO_DIR/" "$BENCH_BUILD_DIR/"
    else
      # no rsync: a fresh copy of the sources, keeping earlier bin/obj for an incremental build
      find "$BENCH_BUILD_DIR" -mindepth 1 \( -name bin -o -name obj \) -prune -o -type f ! -name .mandate-bench-build -print0 \
        | xargs -0 -r rm -f
      (cd "$REPO_DIR" && tar --exclude=bin --exclude=obj --exclude=node_modules --exclude=.git --exclude=.mandate -cf - .) \
        | tar -C "$BENCH_BUILD_DIR" -xf -
    fi
    touch "$BENCH_BUILD_DIR/.mandate-bench-build" "$BENCH_RUN_DIR/.sources-copied"
  fi
  if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    bench_log "dotnet build -c Release $project (in $BENCH_BUILD_DIR)"
    if ! timeout 600 dotnet build -c Release -nologo -v q "$BENCH_BUILD_DIR/$project" > "$BENCH_RUN_DIR/build-$name.log" 2>&1; then
      bench_log "$project did not build:"
      grep -E 'error' "$BENCH_RUN_DIR/build-$name.log" | sort -u | head -10 >&2
      return 1
    fi
  fi
  local dll
  dll="$(dirname "$BENCH_BUILD_DIR/$project")/bin/Release/net10.0/$name.dll"
  [[ -f "$dll" ]] || { bench_log "$dll not found"; return 1; }
  echo "$dll"
}

bench_free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Waits (bounded) until a URL answers 2xx. $1 url, $2 seconds, $3 pid that must stay alive.
bench_wait_http() {
  local url="$1" seconds="$2" pid="$3" i
  for i in $(seq 1 $((seconds * 5))); do
    kill -0 "$pid" 2>/dev/null || return 1
    curl -sf -o /dev/null --max-time 2 "$url" && return 0
    sleep 0.2
  done
  return 1
}

# Starts the oidc-provider peer; writes $BENCH_RUN_DIR/peer/demo.env (demo.env format). Sets PEER_ENV, PEER_ISSUER,
# PEER_PID.
bench_start_peer() {
  local dir="$BENCH_RUN_DIR/peer" i
  mkdir -p "$dir"
  node "$BENCH_DIR/peer/op-bench.mjs" "$dir/demo.env" > "$dir/ready.json" 2> "$dir/stderr.log" &
  BENCH_PIDS+=($!)
  local pid=$!
  for i in $(seq 1 150); do
    [[ -s "$dir/ready.json" ]] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if [[ ! -s "$dir/ready.json" ]]; then
    bench_log "oidc-provider did not start:"; tail -5 "$dir/stderr.log" >&2
    return 1
  fi
  PEER_ENV="$dir/demo.env"
  PEER_PID=$pid
  PEER_ISSUER="$(node -e "console.log(JSON.parse(require('fs').readFileSync('$dir/ready.json','utf8')).issuer)")"
  bench_log "oidc-provider (pid $pid) at $PEER_ISSUER"
}

# Starts Mandate.Server from $1 (its dll) with a fresh data directory; extra environment may be given as
# NAME=value arguments after it. Sets MANDATE_ENV (its demo.env), MANDATE_ISSUER, MANDATE_URL, MANDATE_PID.
bench_start_mandate() {
  local dll="$1"; shift
  local dir="$BENCH_RUN_DIR/mandate" port
  mkdir -p "$dir"
  port="$(bench_free_port)"
  MANDATE_URL="http://127.0.0.1:$port"
  MANDATE_ISSUER="$MANDATE_URL/am/oauth2/realms/root/realms/alpha"
  # The bc scenario asks one person thousands of times a second, with identical requests: the approval-fatigue caps
  # and collapsing (docs/device.md) would refuse or merge nearly all of them, so they are off here, as the peer has none.
  (cd "$dir" && exec env Mandate__DataDirectory="$dir/data" Mandate__Issuer="$MANDATE_ISSUER" \
      Mandate__Ciba__MaxPendingPerPerson=0 Mandate__Ciba__MaxPendingPerClient=0 Mandate__Ciba__CollapseIdenticalRequests=false "$@" \
      dotnet "$dll" --urls "$MANDATE_URL") > "$dir/server.log" 2>&1 &
  MANDATE_PID=$!
  BENCH_PIDS+=($MANDATE_PID)
  if ! bench_wait_http "$MANDATE_ISSUER/.well-known/openid-configuration" 90 "$MANDATE_PID" || [[ ! -s "$dir/data/demo.env" ]]; then
    bench_log "Mandate.Server did not start (last lines of its log):"; tail -15 "$dir/server.log" >&2
    return 1
  fi
  MANDATE_ENV="$dir/data/demo.env"
  bench_log "Mandate.Server (pid $MANDATE_PID) at $MANDATE_ISSUER"
}

# Builds Mandate.Server (bench_build) and prints its dll, or says it is missing or does not build and fails.
bench_server_dll() {
  bench_build src/Mandate.Server/Mandate.Server.csproj || { echo "Mandate.Server is missing or does not build" >&2; return 1; }
}

# Exits with a message unless every command named is on PATH.
bench_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$(basename "$0") needs $tool" >&2; exit 1; }
  done
}

# The median of the numbers on stdin, one a line (the mean of the middle two for an even count).
bench_median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# One bc-authorize run of $3 seconds against the server with PID $1 and demo.env-style file $2, with autocannon
# (bench/profile/drive.mjs) or, with BENCH_LOAD=wrk, with wrk (bench/load/bc.lua: a C load generator that costs the
# shared cores far less CPU per request; the bodies are signed before the run either way). Prints "requests/s p50 p99
# cpu_µs_per_request driver_json": the server's CPU from utime + stime in /proc/PID/stat (clock ticks of 1/100 s: µs
# per request = ticks × 10,000 / requests).
bench_drive() {
  local pid=$1 env=$2 seconds=$3 t0 t1 out rps url bodies="$BENCH_RUN_DIR/bc-bodies.txt"
  if [[ "${BENCH_LOAD:-autocannon}" == wrk ]]; then
    url=$(node "$BENCH_DIR/load/bodies-file.mjs" "$env" $((seconds * ${BENCH_SIGN_RATE:-12000})) "$bodies")
    t0=$(awk '{print $14+$15}' "/proc/$pid/stat")
    out=$(wrk -t1 -c"${BENCH_CONNECTIONS:-16}" -d"${seconds}s" -s "$BENCH_DIR/load/bc.lua" "$url" -- "$bodies" | tail -1)
    t1=$(awk '{print $14+$15}' "/proc/$pid/stat")
    rm -f "$bodies"
  else
    t0=$(awk '{print $14+$15}' "/proc/$pid/stat")
    out=$(node "$BENCH_DIR/profile/drive.mjs" "$env" "$seconds")
    t1=$(awk '{print $14+$15}' "/proc/$pid/stat")
  fi
  rps=$(echo "$out" | sed 's/.*"rps":\([0-9.]*\).*/\1/')
  echo "$rps $(echo "$out" | sed 's/.*"p50":\([0-9.]*\).*/\1/') $(echo "$out" | sed 's/.*"p99":\([0-9.]*\).*/\1/') $(echo "($t1-$t0)*10000/($rps*$seconds)" | bc) $out"
}
