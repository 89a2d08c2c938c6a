#!/usr/bin/env bash
# The store API's authorization overhead: authorized GET /deals (Bearer token, scope prices) against anonymous
# GET /products, requests/s and the ratio, with autocannon at 16 connections, alternating A/B/C/A/B/C; the control
# case C (GET /products with the token) isolates the cost of validating the token.
#
#   bench/store-api.sh                 # tokens from Mandate.Server; from oidc-provider when the server is missing
#   BENCH_ISSUER=peer bench/store-api.sh   # tokens from oidc-provider (aud shoestore-api) whatever the server's state
#
# The store API trusts the chosen issuer through its discovery and JWKS (ShoeStore__Authority), like in production;
# SQLite in a fresh data folder. Same settings as compare.sh (BENCH_DURATION, BENCH_ROUNDS, BENCH_CONNECTIONS,
# BENCH_WARMUP (default 10 here), BENCH_SKIP_BUILD). Stops everything it started, by PID, on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

bench_require node npm dotnet curl
bench_npm
store_dll="$(bench_build src/ShoeStore.Api/ShoeStore.Api.csproj)" || { echo "ShoeStore.Api does not build" >&2; exit 1; }

issuer_name=""
if [[ "${BENCH_ISSUER:-mandate}" == mandate ]]; then
  if server_dll="$(bench_build src/Mandate.Server/Mandate.Server.csproj)" && bench_start_mandate "$server_dll"; then
    issuer_name="Mandate.Server"; issuer="$MANDATE_ISSUER"; env_file="$MANDATE_ENV"
  else
    bench_log "Mandate.Server is missing or did not start: tokens come from oidc-provider instead"
  fi
fi
if [[ -z "$issuer_name" ]]; then
  bench_start_peer
  issuer_name="oidc-provider"; issuer="$PEER_ISSUER"; env_file="$PEER_ENV"
fi

store_dir="$BENCH_RUN_DIR/store"
mkdir -p "$store_dir"
store_url="http://127.0.0.1:$(bench_free_port)"
(cd "$store_dir" && exec env ShoeStore__Authority="$issuer" ShoeStore__DataDirectory="$store_dir/data" \
    dotnet "$store_dll" --urls "$store_url") > "$store_dir/store.log" 2>&1 &
store_pid=$!
BENCH_PIDS+=($store_pid)
if ! bench_wait_http "$store_url/products" 90 "$store_pid"; then
  bench_log "ShoeStore.Api did not start (last lines of its log):"; tail -15 "$store_dir/store.log" >&2
  exit 1
fi
bench_log "ShoeStore.Api (pid $store_pid) at $store_url, trusting $issuer_name"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); node $(node --version), dotnet $(dotnet --version)"
node "$BENCH_DIR/load/store-api.mjs" --env "$env_file" --store "$store_url" --issuer-name "$issuer_name"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
