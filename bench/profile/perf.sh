#!/usr/bin/env bash
# perf profile of one Mandate.Server build under the bc-authorize load, JIT-compiled frames resolved
# (DOTNET_PerfMapEnabled=1, DOTNET_EnableWriteXorExecute=0). Writes OUT (default /tmp/mandate-bc.perf.txt, the
# `perf script` text) and prints the shares by component (components.py).
#   bench/profile/perf.sh BUILD_DIR        # WARM (40 s) first, then REC (15 s) recorded at 997 Hz
set -euo pipefail
export BENCH_BUILD_DIR=$1 BENCH_SKIP_BUILD=1
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../lib.sh"
bench_npm
out=${OUT:-/tmp/mandate-bc.perf.txt}
dll="$(bench_build src/Mandate.Server/Mandate.Server.csproj)"
bench_start_mandate "$dll" DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 2>/dev/null
node "$here/drive.mjs" "$MANDATE_ENV" "${WARM:-40}" >/dev/null
perf record -F 997 -g -p "$MANDATE_PID" -o "$BENCH_RUN_DIR/perf.data" -- sleep "${REC:-15}" >/dev/null 2>&1 &
pp=$!
node "$here/drive.mjs" "$MANDATE_ENV" $((${REC:-15} + 1))
wait $pp || true
perf script -i "$BENCH_RUN_DIR/perf.data" 2>/dev/null > "$out"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); perf script: $out"
python3 "$here/components.py" < "$out"
