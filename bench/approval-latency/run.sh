#!/usr/bin/env bash
# Approval → token latency of Mandate.Client against Mandate.Server, ping and poll mode, 20 samples each.
# Builds both in a private copy (BENCH_BUILD_DIR) and runs bench/approval-latency, which starts the server itself.
#
#   bench/approval-latency/run.sh [--samples 20] [--interval 5] [--modes ping,poll] [--poll-think-ms N] [--ping-think-ms 500]
#
# Bounded: at most samples × (think time + interval) per mode (≈ 2 minutes with the defaults).
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

server_dll="$(bench_build src/Mandate.Server/Mandate.Server.csproj)" || { echo "Mandate.Server is missing or does not build" >&2; exit 1; }
tool_dll="$(bench_build bench/approval-latency/Mandate.ApprovalLatency.csproj)" || exit 1
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); dotnet $(dotnet --version)"
timeout 900 dotnet "$tool_dll" --server-dll "$server_dll" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
