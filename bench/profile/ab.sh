#!/usr/bin/env bash
# Interleaved A/B of two Mandate.Server builds under the bc-authorize load: server CPU µs per request (utime + stime
# from /proc/PID/stat over the run), requests/s and p99, round by round, then the medians.
#   bench/profile/ab.sh BUILD_DIR_A BUILD_DIR_B [ROUNDS]
# BUILD_DIR_* are bench_build folders (BENCH_BUILD_DIR of an earlier bench/compare.sh, or made with
#   BENCH_BUILD_DIR=/tmp/x bash -c 'source bench/lib.sh; bench_build src/Mandate.Server/Mandate.Server.csproj').
# Settings: SECS (8 per run), WARM (25 s per server first), ENV_A / ENV_B (extra NAME=value for one server),
# BENCH_LOAD=wrk (the measured runs with wrk: bench/load/bc.lua).
# Both servers run at once (each idle while the other is measured); both are stopped by PID on exit.
set -euo pipefail
A=$1; B=$2; R=${3:-4}; S=${SECS:-8}
export BENCH_SKIP_BUILD=1
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../lib.sh"
bench_npm
start() {
  BENCH_BUILD_DIR=$1
  local dll run=$BENCH_RUN_DIR
  dll="$(bench_build src/Mandate.Server/Mandate.Server.csproj)"
  BENCH_RUN_DIR=$run/$2; mkdir -p "$BENCH_RUN_DIR"; shift 2
  bench_start_mandate "$dll" "$@" 2>/dev/null
  BENCH_RUN_DIR=$run
}
# shellcheck disable=SC2086
start "$A" a ${ENV_A:-BENCH_SIDE=a}; PA=$MANDATE_PID; EA=$MANDATE_ENV
# shellcheck disable=SC2086
start "$B" b ${ENV_B:-BENCH_SIDE=b}; PB=$MANDATE_PID; EB=$MANDATE_ENV
node "$here/drive.mjs" "$EA" "${WARM:-25}" >/dev/null; node "$here/drive.mjs" "$EB" "${WARM:-25}" >/dev/null
run() { local r rps cpu p99; r=$(bench_drive "$1" "$2" "$S"); read -r rps _ p99 cpu _ <<< "$r"; echo "$rps $cpu $p99"; }
out="$BENCH_RUN_DIR/ab.out"
echo "side rps cpu_us_per_request p99_ms   (load average $(cut -d' ' -f1-3 /proc/loadavg))"
for _ in $(seq 1 "$R"); do echo "A $(run $PA "$EA")"; echo "B $(run $PB "$EB")"; done | tee "$out"
for x in A B; do
  echo "$x median rps $(grep "^$x" "$out" | awk '{print $2}' | bench_median) cpu_us $(grep "^$x" "$out" | awk '{print $3}' | bench_median)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
