#!/usr/bin/env bash
# Capacity: Mandate.Server holding many pending CIBA requests (default 100,000) on SQLite. Reports the server's RSS
# after seeding, after every request was polled once, and after BENCH_DURATION s of round-robin polling over all of
# them, with the pending-poll answers/s at that size.
#
#   bench/capacity.sh                     # ≈ 1–3 minutes + build
#
# The requests are written by bench/capacity (Mandate.CapacitySeed) through the server's own EF Core model, as
# POST /bc-authorize stores them (a bc-authorize call per request would take ~5 minutes here and measures something
# else: compare.sh's bc scenario does). The server is started first (it creates the database and the demo client),
# then seeded while idle, then polled over HTTP.
# Settings: CAPACITY_COUNT (100000, at most 1000000), BENCH_CONNECTIONS (16), BENCH_DURATION (20),
# BENCH_SKIP_BUILD=1, BENCH_JSON=FILE. Stops what it started, by PID, and deletes its run folder on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

bench_require node npm dotnet curl
count="${CAPACITY_COUNT:-100000}"
[[ "$count" =~ ^[0-9]+$ && "$count" -ge 1 && "$count" -le 1000000 ]] || { echo "CAPACITY_COUNT must be 1..1000000" >&2; exit 2; }
bench_npm

server_dll="$(bench_build src/Mandate.Server/Mandate.Server.csproj)" || { echo "Mandate.Server is missing or does not build" >&2; exit 1; }
seed_dll="$(bench_build bench/capacity/Mandate.CapacitySeed.csproj)" || exit 1
bench_start_mandate "$server_dll" || exit 1

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg); node $(node --version), dotnet $(dotnet --version)"
echo "server RSS at start (idle, empty): $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' /proc/$MANDATE_PID/status)"
ids="$BENCH_RUN_DIR/auth-req-ids.txt"
timeout 300 dotnet "$seed_dll" --database "$BENCH_RUN_DIR/mandate/data/mandate.db" --count "$count" --ids-out "$ids"
json_args=()
[[ -n "${BENCH_JSON:-}" ]] && json_args=(--json "$BENCH_JSON")
timeout 900 node "$BENCH_DIR/load/capacity.mjs" --env "$MANDATE_ENV" --ids "$ids" --pid "$MANDATE_PID" "${json_args[@]}"
echo "database file: $(du -h "$BENCH_RUN_DIR/mandate/data/mandate.db" | cut -f1) (+ WAL $(du -h "$BENCH_RUN_DIR/mandate/data/mandate.db-wal" 2>/dev/null | cut -f1 || echo 0))"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
