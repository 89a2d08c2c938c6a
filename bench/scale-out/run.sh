#!/usr/bin/env bash
# Mandate.Server throughput with 1 and with 2 instances on one PostgreSQL, on this machine, behind nginx with TLS
# (the config of docs/deploy.md, read from that file, so this also tests the documented config). Both set-ups run
# behind the same proxy: between runs it is reloaded with 1 or 2 upstream servers, alternating A/B. Load: the
# autocannon of bench/compare.sh, 16 connections. Prints ok/s, p50/p99 and the ratio 2 ÷ 1 for
#   cc    client_credentials tokens
#   ciba  a CIBA flow mix: bc-authorize with a fresh ES256 signed request object, then 3 polls of it while pending
#
#   bench/scale-out/run.sh            # ≈ 3 min of load + start + build; stops itself at BENCH_BUDGET seconds
#
# What it sets up, all removed on exit: a throw-away database mandate_bench_<random> on the test cluster
# (scripts/postgres.sh starts it; credentials from .mandate/test-postgres.env), a Release build in a private copy
# (BENCH_BUILD_DIR, default $TMPDIR/mandate-bench-build-scale-out), two instances on free loopback ports sharing that
# database and one generated seed (a client with a fresh secret and ES256 key, a user with a fresh password), a
# self-signed certificate and nginx as a child process (not a service) on a free port. nginx comes from Debian
# (apt-get install nginx when missing); without it the load is split across the two instances directly, and the
# output says so.
#
# Settings: BENCH_CONNECTIONS (16), BENCH_DURATION (10), BENCH_ROUNDS (3), BENCH_WARMUP (5), BENCH_SCENARIOS (cc,ciba),
# BENCH_BUDGET (470 s for the whole script), BENCH_SKIP_BUILD=1 (reuse the last build).
# Stops everything it started, by PID, on exit, drops the database and deletes the run folder (it holds secrets).
set -euo pipefail
BENCH_BUILD_DIR="${BENCH_BUILD_DIR:-${TMPDIR:-/tmp}/mandate-bench-build-scale-out}"
source "$(dirname "$0")/../lib.sh"
SCALE_DIR="$BENCH_DIR/scale-out"
budget="${BENCH_BUDGET:-470}"
[[ "$budget" =~ ^[0-9]+$ ]] || { echo "BENCH_BUDGET must be seconds" >&2; exit 1; }
deadline=$((SECONDS + budget))
fail() { bench_log "$*"; exit 1; }
as_root() { if [[ "$(id -u)" == 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

for tool in node npm dotnet curl psql openssl; do
  command -v "$tool" >/dev/null || fail "scale-out/run.sh needs $tool"
done
bench_npm

# ---- nginx (from Debian's packages when missing) ---------------------------------------------------------------------
if ! command -v nginx >/dev/null; then
  bench_log "apt-get install nginx"
  as_root env DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq --no-install-recommends nginx >/dev/null 2>&1 \
    || bench_log "nginx could not be installed: the load is split across the instances directly"
fi
use_proxy=0
command -v nginx >/dev/null && use_proxy=1

# ---- a throw-away database on the test cluster ----------------------------------------------------------------------
timeout 600 bash "$REPO_DIR/scripts/postgres.sh" 2>&1 | sed 's/^/[postgres.sh] /' >&2
pg_env="$REPO_DIR/.mandate/test-postgres.env"
[[ -f "$pg_env" ]] || fail "$pg_env is missing after scripts/postgres.sh"
test_conn="$(sed -n "s/^MANDATE_TEST_POSTGRES='\(.*\)'\$/\1/p" "$pg_env")"
declare -A pg=()
IFS=';' read -ra parts <<< "$test_conn"
for part in "${parts[@]}"; do
  [[ "$part" == *=* ]] && pg["$(tr 'A-Z' 'a-z' <<< "${part%%=*}")"]="${part#*=}"
done
for key in host port database username password; do
  [[ -n "${pg[$key]:-}" ]] || fail "MANDATE_TEST_POSTGRES in $pg_env has no $key"
done
# psql as the test role; the password goes through the environment of psql only, never the command line
pg_psql() {
  PGPASSWORD="${pg[password]}" PGCONNECT_TIMEOUT=10 timeout 60 \
    psql -X -q -At -v ON_ERROR_STOP=1 -h "${pg[host]}" -p "${pg[port]}" -U "${pg[username]}" -d "${pg[database]}" "$@"
}
bench_db="mandate_bench_$(od -An -tx1 -N6 /dev/urandom | tr -d ' \n')"
scaleout_cleanup() {
  local rc=$?
  bench_cleanup   # the instances and nginx, by PID; the run folder
  if [[ -n "${bench_db_created:-}" ]]; then
    if pg_psql -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)"; then bench_log "dropped database $bench_db"
    else bench_log "could not drop database $bench_db: drop it by hand"; fi
  fi
  return "$rc"
}
trap scaleout_cleanup EXIT
pg_psql -c "CREATE DATABASE $bench_db" || fail "could not create database $bench_db"
bench_db_created=1
bench_conn="Host=${pg[host]};Port=${pg[port]};Database=$bench_db;Username=${pg[username]};Password=${pg[password]};Maximum Pool Size=40"
bench_log "database $bench_db on ${pg[host]}:${pg[port]}"

# ---- build (bounded: leaves ≥ 270 s of the budget for the rest) ------------------------------------------------------
build_cap=$((deadline - SECONDS - 270))
((build_cap > 30)) || fail "BENCH_BUDGET=$budget leaves no time to build"
set -m   # the build gets its own process group, so a build over its time can be stopped whole
( bench_build src/Mandate.Server/Mandate.Server.csproj > "$BENCH_RUN_DIR/dll.txt" ) &
build_pid=$!
set +m
for _ in $(seq 1 $((build_cap * 5))); do kill -0 "$build_pid" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$build_pid" 2>/dev/null; then
  kill -TERM -- "-$build_pid" 2>/dev/null || true
  wait "$build_pid" 2>/dev/null || true
  fail "the build took over $build_cap s: run again (the second build is incremental) or raise BENCH_BUDGET"
fi
wait "$build_pid" || fail "Mandate.Server did not build"
dll="$(cat "$BENCH_RUN_DIR/dll.txt")"

# ---- identities, addresses, certificate ----------------------------------------------------------------------------
ports=("$(bench_free_port)" "$(bench_free_port)")
[[ "${ports[0]}" != "${ports[1]}" ]] || ports[1]="$(bench_free_port)"
if ((use_proxy)); then
  proxy_port="$(bench_free_port)"
  public="https://127.0.0.1:$proxy_port"
else
  public="http://127.0.0.1:${ports[0]}"
fi
issuer="$public/am/oauth2/realms/root/realms/alpha"
node "$SCALE_DIR/identities.mjs" "$issuer" "$BENCH_RUN_DIR/seed.json" "$BENCH_RUN_DIR/target.env"

# ---- two instances, started at the same moment on the empty database ------------------------------------------------
for i in 0 1; do
  dir="$BENCH_RUN_DIR/instance-$((i + 1))"
  mkdir -p "$dir"
  (cd "$dir" && exec env ConnectionStrings__Mandate="$bench_conn" Mandate__Issuer="$issuer" Mandate__DataDirectory="$dir/data" \
      Mandate__SeedDemo=false ASPNETCORE_FORWARDEDHEADERS_ENABLED=true \
      Mandate__Ciba__MaxPendingPerPerson=0 Mandate__Ciba__MaxPendingPerClient=0 Mandate__Ciba__CollapseIdenticalRequests=false \
      dotnet "$dll" --urls "http://127.0.0.1:${ports[i]}" --seed "$BENCH_RUN_DIR/seed.json") > "$dir/server.log" 2>&1 &
  BENCH_PIDS+=($!)
  instance_pids[i]=$!
done
for i in 0 1; do
  # a direct request says https as the proxy would (ASPNETCORE_FORWARDEDHEADERS_ENABLED trusts the header)
  url="http://127.0.0.1:${ports[i]}/am/oauth2/realms/root/realms/alpha/.well-known/openid-configuration"
  up=0
  for _ in $(seq 1 300); do
    kill -0 "${instance_pids[i]}" 2>/dev/null || break
    if curl -sf -o /dev/null --max-time 2 -H "X-Forwarded-Proto: ${public%%:*}" "$url"; then up=1; break; fi
    sleep 0.2
  done
  if ((!up)); then
    bench_log "instance $((i + 1)) did not start (last lines of its log):"
    tail -15 "$BENCH_RUN_DIR/instance-$((i + 1))/server.log" >&2
    exit 1
  fi
  bench_log "instance $((i + 1)) (pid ${instance_pids[i]}) on 127.0.0.1:${ports[i]}"
done

# ---- nginx in front: the server block of docs/deploy.md, its upstream pointed at 1 or 2 instances ------------------
driver_args=()
if ((use_proxy)); then
  ngx="$BENCH_RUN_DIR/nginx"
  mkdir -p "$ngx/tmp"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$ngx/key.pem" -out "$ngx/cert.pem" 2>/dev/null
  chmod 600 "$ngx/key.pem"
  for n in 1 2; do
    upstream=""
    for ((i = 0; i < n; i++)); do upstream+="  server 127.0.0.1:${ports[i]};\n"; done
    awk -v upstream="$upstream" -v listen="127.0.0.1:$proxy_port" -v cert="$ngx/cert.pem" -v key="$ngx/key.pem" '
      /^```nginx$/ { inside = 1; next }
      inside && /^```$/ { exit }
      !inside { next }
      /^[ \t]*server 127\.0\.0\.1:[0-9]+;/ { if (!done) printf "%s", upstream; done = 1; next }
      /^[ \t]*listen 443 ssl;/ { sub(/443/, listen); seen++ }
      /^[ \t]*ssl_certificate / { sub(/ssl_certificate +[^;]+;/, "ssl_certificate " cert ";"); seen++ }
      /^[ \t]*ssl_certificate_key / { sub(/ssl_certificate_key +[^;]+;/, "ssl_certificate_key " key ";"); seen++ }
      { print }
      END { if (seen != 3 || !done) exit 1 }
    ' "$REPO_DIR/docs/deploy.md" > "$ngx/mandate-$n.conf" \
      || fail "docs/deploy.md has no nginx block with upstream servers, 'listen 443 ssl;' and ssl_certificate(_key) lines"
  done
  cp "$ngx/mandate-1.conf" "$ngx/mandate.conf"
  cat > "$ngx/nginx.conf" <<CONF
worker_processes auto;
pid $ngx/nginx.pid;
error_log $ngx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $ngx/tmp/body;
  proxy_temp_path $ngx/tmp/proxy;
  fastcgi_temp_path $ngx/tmp/fastcgi;
  uwsgi_temp_path $ngx/tmp/uwsgi;
  scgi_temp_path $ngx/tmp/scgi;
  include $ngx/mandate.conf;
}
CONF
  for n in 2 1; do
    cp "$ngx/mandate-$n.conf" "$ngx/mandate.conf"
    timeout 30 nginx -t -q -e "$ngx/error.log" -p "$ngx" -c "$ngx/nginx.conf" || fail "nginx rejects the config of docs/deploy.md"
  done
  nginx -e "$ngx/error.log" -p "$ngx" -c "$ngx/nginx.conf" -g 'daemon off;' > "$ngx/stdout.log" 2>&1 &
  nginx_pid=$!
  BENCH_PIDS+=($nginx_pid)
  cat > "$ngx/switch.sh" <<SWITCH
#!/usr/bin/env bash
# points nginx (pid $nginx_pid) at \$1 instance(s); the new workers serve within a second
set -euo pipefail
[[ "\$1" == 1 || "\$1" == 2 ]]
kill -0 $nginx_pid
cp "$ngx/mandate-\$1.conf" "$ngx/mandate.conf"
kill -HUP $nginx_pid
sleep 1
SWITCH
  chmod 700 "$ngx/switch.sh"
  for _ in $(seq 1 50); do
    curl -sf -o /dev/null --max-time 2 --cacert "$ngx/cert.pem" "$issuer/.well-known/openid-configuration" && break
    kill -0 "$nginx_pid" 2>/dev/null || { tail -5 "$ngx/error.log" >&2; fail "nginx did not start"; }
    sleep 0.2
  done
  bench_log "nginx $(nginx -v 2>&1 | sed 's/.*\///') (pid $nginx_pid) at https://127.0.0.1:$proxy_port"
  driver_args=(--switch "$ngx/switch.sh")
  export NODE_EXTRA_CA_CERTS="$ngx/cert.pem"
else
  driver_args=(--direct "http://127.0.0.1:${ports[0]},http://127.0.0.1:${ports[1]}")
fi

# ---- load -----------------------------------------------------------------------------------------------------------
cpu_groups="instances=${instance_pids[0]},${instance_pids[1]}"
((use_proxy)) && cpu_groups+=";nginx=$nginx_pid"
pg_pid="$(ss -ltnpH "sport = :${pg[port]}" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)"
[[ -n "$pg_pid" ]] && cpu_groups+=";postgres=$pg_pid"
export BENCH_CORES="$(nproc)" BENCH_CLK_TCK="$(getconf CLK_TCK)"
remaining=$((deadline - SECONDS - 15))
((remaining > 120)) || fail "too little of BENCH_BUDGET left ($remaining s) for the load"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg); node $(node --version), dotnet $(dotnet --version), PostgreSQL $(pg_psql -c 'SHOW server_version' | cut -d' ' -f1)$( ((use_proxy)) && echo ", nginx $(nginx -v 2>&1 | sed 's/.*\///')")"
echo "instances: Release build, one database (Maximum Pool Size=40 each), ASPNETCORE_FORWARDEDHEADERS_ENABLED=true, issuer $public/…"
timeout "$remaining" node "$SCALE_DIR/drive.mjs" --env "$BENCH_RUN_DIR/target.env" --cpu "$cpu_groups" "${driver_args[@]}" &
driver_pid=$!
BENCH_PIDS+=($driver_pid)
wait "$driver_pid" || fail "the load driver stopped early (status $?)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); whole run $SECONDS s"
