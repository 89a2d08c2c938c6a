#!/usr/bin/env bash
# Does signing the bc request objects inside the measured run change what is measured? For oidc-provider (the peer)
# and Mandate.Server, alternates runs of bench/profile/drive.mjs with BENCH_SIGNING=live (the load generator signs each
# ES256 request object as it sends it) and BENCH_SIGNING=ahead (signed before the run), and prints per target and
# mode the medians of requests/s, p99 and the server's CPU µs per request (utime + stime from /proc/PID/stat).
#
#   bench/signing.sh                       # ≈ 2 targets × 2 modes × 3 rounds × 8 s + signing + warm-up ≈ 3 minutes + build
#
# Settings: BENCH_ROUNDS (3), BENCH_DURATION (8), BENCH_WARMUP (15), BENCH_SKIP_BUILD=1. Stops what it started, by
# PID, and deletes its run folder (it holds the clients' keys) on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

bench_require node npm dotnet curl bc
bench_npm
bench_start_peer
dll="$(bench_server_dll)"
bench_start_mandate "$dll"
rounds="${BENCH_ROUNDS:-3}"; seconds="${BENCH_DURATION:-8}"; warmup="${BENCH_WARMUP:-15}"
names=("oidc-provider" "Mandate"); pids=("$PEER_PID" "$MANDATE_PID"); envs=("$PEER_ENV" "$MANDATE_ENV")

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds × $seconds s, $warmup s warm-up each"
for i in "${!names[@]}"; do BENCH_SIGNING=live node "$BENCH_DIR/profile/drive.mjs" "${envs[$i]}" "$warmup" > /dev/null; done
out="$BENCH_RUN_DIR/signing.out"
for round in $(seq 1 "$rounds"); do
  for i in "${!names[@]}"; do
    for mode in live ahead; do
      # Bodies for 8,000 requests/s, more than either server answers here; any shortfall is signed live and printed.
      r=$(BENCH_SIGNING=$mode BENCH_SIGN_RATE=8000 bench_drive "${pids[$i]}" "${envs[$i]}" "$seconds")
      read -r rps _ p99 cpu _ <<< "$r"
      echo "$i $mode $rps $p99 $cpu" >> "$out"
      echo "  round $round  ${names[$i]} $mode: ${r##* }"
    done
  done
done
echo
echo "| target | signed | requests/s | p99 ms | server CPU µs per request |"
echo "| --- | --- | --- | --- | --- |"
for i in "${!names[@]}"; do
  for mode in live ahead; do
    col() { awk -v i="$i" -v m="$mode" -v c="$1" '$1 == i && $2 == m {print $c}' "$out" | bench_median; }
    printf '| %s | %s | %.0f | %s | %s |\n' "${names[$i]}" "$mode" "$(col 3)" "$(col 4)" "$(col 5)"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
