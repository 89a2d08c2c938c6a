#!/usr/bin/env bash
# Where a Mandate.Server build's threads give up the processor under the bc-authorize load: for each kind of thread
# (named by /proc/PID/task/*/comm), how many there are, context switches per request (voluntary: the thread waited;
# involuntary: it was preempted while it had work) and CPU µs per request, from /proc before and after one run.
#   bench/profile/switches.sh BUILD_DIR        # WARM (20 s) first, then one run of SECS (8) s
# BUILD_DIR as for ab.sh. Settings: EXTRA (NAME=value for the server), BENCH_LOAD=wrk (the run with wrk).
# Preemptions of the thread pool's workers are what a request in flight waits for while another thread runs.
set -euo pipefail
export BENCH_BUILD_DIR=$1 BENCH_SKIP_BUILD=1
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../lib.sh"
bench_npm
dll="$(bench_build src/Mandate.Server/Mandate.Server.csproj)"
# shellcheck disable=SC2086
bench_start_mandate "$dll" ${EXTRA:-BENCH_SIDE=switches} 2>/dev/null
node "$here/drive.mjs" "$MANDATE_ENV" "${WARM:-20}" >/dev/null

# One line per thread: kind voluntary involuntary cpu_ticks (the name may hold spaces; stat's fields follow its ')').
threads() {
  local t
  for t in /proc/"$MANDATE_PID"/task/*; do
    printf '%s %s %s\n' "$(tr ' ' _ < "$t/comm")" \
      "$(awk '/^voluntary_ctxt_switches/ {v = $2} /^nonvoluntary_ctxt_switches/ {n = $2} END {print v, n}' "$t/status")" \
      "$(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}')"
  done 2>/dev/null || true
}
before=$(threads)
seconds=${SECS:-8}
result=$(bench_drive "$MANDATE_PID" "$MANDATE_ENV" "$seconds")
after=$(threads)
read -r rps _ p99 _ <<< "$result"
echo "requests/s $rps, p99 $p99 ms (load average $(cut -d' ' -f1-3 /proc/loadavg))"
awk -v requests="$(echo "$rps * $seconds" | bc)" '
  FNR == 1 { file++ }
  { kind[$1] = 1; v[file, $1] += $2; n[file, $1] += $3; cpu[file, $1] += $4; if (file == 2) count[$1]++ }
  END {
    printf "%-22s %7s %9s %9s %9s\n", "thread", "threads", "vol/req", "invol/req", "cpu_us/req"
    for (k in kind) {
      dv = v[2, k] - v[1, k]; dn = n[2, k] - n[1, k]; dc = cpu[2, k] - cpu[1, k]
      tv += dv; tn += dn; tc += dc
      if (dv + dn + dc > 0) printf "%-22s %7d %9.2f %9.2f %9.1f\n", k, count[k], dv / requests, dn / requests, dc * 10000 / requests
    }
    printf "%-22s %7s %9.2f %9.2f %9.1f\n", "all", "", tv / requests, tn / requests, tc * 10000 / requests
  }' <(echo "$before") <(echo "$after")
