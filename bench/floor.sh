#!/usr/bin/env bash
# What p99 this machine allows at a given server CPU cost per bc-authorize request. Under compare.sh's bc load (16
# connections, a fresh ES256 request object per request, signed before each run as bench/load/signed-bodies.mjs
# says), runs side by side, interleaved:
#   floor N   bench/floor (Mandate.BenchFloor): reads the form, verifies the ES256 signature, burns N µs of CPU, answers
#   Mandate   Mandate.Server as compare.sh starts it
# and prints, per target, the medians of requests/s, p50, p99 and the server's CPU µs per request (utime + stime from
# /proc/PID/stat over the run ÷ requests).
#
#   bench/floor.sh                        # ≈ 6 targets × (15 s warm-up + 3 rounds × 8 s) ≈ 4 minutes + build
#
# Settings: FLOOR_BURNS ("0 50 100 150 200"), BENCH_ROUNDS (3), BENCH_DURATION (8), BENCH_WARMUP (15),
# BENCH_LOAD (autocannon; wrk: Debian's wrk, `apt-get install -y wrk`, with bench/load/bc.lua), BENCH_SKIP_BUILD=1.
# Stops what it started, by PID, and deletes its run folder (it holds the client's key) on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

bench_require node npm dotnet curl bc
if [[ "${BENCH_LOAD:-}" == wrk ]]; then bench_require wrk; fi
rounds="${BENCH_ROUNDS:-3}"; seconds="${BENCH_DURATION:-8}"; warmup="${BENCH_WARMUP:-15}"
bench_npm
server_dll="$(bench_server_dll)"
floor_dll="$(bench_build bench/floor/Mandate.BenchFloor.csproj)" || exit 1
bench_start_mandate "$server_dll" || exit 1

# The floor servers trust the demo client's public key (the private part stays in the run folder, for the driver).
public_jwk="$(node -e '
  const line = require("fs").readFileSync(process.argv[1], "utf8").split("\n").find((l) => l.startsWith("PINGONE_CIBA_JWK="));
  const j = JSON.parse(line.slice("PINGONE_CIBA_JWK=".length).replace(/^\x27|\x27$/g, ""));
  console.log(JSON.stringify({ kty: j.kty, crv: j.crv, x: j.x, y: j.y }));' "$MANDATE_ENV")"
# Waits (bounded: 30 s) until a loopback port accepts connections.
wait_port() { for _ in $(seq 1 150); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; return 1; }
names=(); pids=(); envs=()
for burn in ${FLOOR_BURNS:-0 50 100 150 200}; do
  port="$(bench_free_port)"
  FLOOR_JWK="$public_jwk" FLOOR_BURN_US="$burn" dotnet "$floor_dll" --urls "http://127.0.0.1:$port" > "$BENCH_RUN_DIR/floor-$burn.log" 2>&1 &
  BENCH_PIDS+=($!)
  names+=("floor $burn"); pids+=($!)
  envs+=("$BENCH_RUN_DIR/floor-$burn.env")
  sed "s#^PINGONE_CIBA_ENDPOINT=.*#PINGONE_CIBA_ENDPOINT=http://127.0.0.1:$port/bc-authorize#" "$MANDATE_ENV" > "${envs[-1]}"
  wait_port "$port" || { bench_log "the floor server did not start:"; tail -5 "$BENCH_RUN_DIR/floor-$burn.log" >&2; exit 1; }
done
names+=("Mandate"); pids+=("$MANDATE_PID"); envs+=("$MANDATE_ENV")

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds × $seconds s, $warmup s warm-up each"
for i in "${!names[@]}"; do bench_drive "${pids[$i]}" "${envs[$i]}" "$warmup" > /dev/null; done
out="$BENCH_RUN_DIR/floor.out"
for round in $(seq 1 "$rounds"); do
  for i in "${!names[@]}"; do
    r=$(bench_drive "${pids[$i]}" "${envs[$i]}" "$seconds")
    echo "$i ${r% *}" >> "$out"
    echo "  round $round  ${names[$i]}: ${r##* }"
  done
done
echo
echo "| target | requests/s | p50 ms | p99 ms | server CPU µs per request |"
echo "| --- | --- | --- | --- | --- |"
for i in "${!names[@]}"; do
  col() { awk -v i="$i" -v c="$1" '$1 == i {print $c}' "$out" | bench_median; }
  printf '| %s | %.0f | %s | %s | %s |\n' "${names[$i]}" "$(col 2)" "$(col 3)" "$(col 4)" "$(col 5)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
