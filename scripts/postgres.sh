#!/usr/bin/env bash
# A throw-away PostgreSQL for the tests, from Debian's packages (no container needed).
#
#   scripts/postgres.sh          install when missing, start, create the role and database, write the env file
#   scripts/postgres.sh stop     stop the cluster (keeps its data)
#   scripts/postgres.sh drop     stop and delete the cluster, everything it keeps under /etc/postgresql, and the env file
#
# It installs `postgresql` with apt-get when pg_createcluster is missing, creates a private cluster
# (default name mandate-test, port 55432) that listens on 127.0.0.1 only and trades durability for speed
# (fsync off: test data only), starts it, and creates a login role with CREATEDB and a random password plus
# a database of the same name. The Npgsql connection string goes to .mandate/test-postgres.env (mode 0600,
# git-ignored) as MANDATE_TEST_POSTGRES='Host=127.0.0.1;Port=…;…' — load it with
#   set -a; . .mandate/test-postgres.env; set +a
# The password is never printed. A second run reuses the cluster, role, database and file. Every step is
# bounded in time. Runs as root (CI); otherwise the root steps go through sudo.
#
# Settings (env): MANDATE_PG_CLUSTER (mandate-test), MANDATE_PG_PORT (55432), MANDATE_PG_ROLE (mandate_test),
# MANDATE_PG_ENV_FILE (.mandate/test-postgres.env), MANDATE_PG_ENV_VAR (MANDATE_TEST_POSTGRES: the variable the file
# sets; the file also sets <VAR>_CLUSTER='<version>/<cluster>', which pg_ctlcluster takes, for tests that restart it).
# scripts/test.sh runs it twice: the shared cluster, and a second one (mandate-restart, 55433,
# MANDATE_TEST_POSTGRES_RESTART) that only the PostgreSQL-restart test uses, since a restart would break every other
# test on its cluster.
set -Eeuo pipefail
cd "$(dirname "$0")/.."

cluster=${MANDATE_PG_CLUSTER:-mandate-test}
port=${MANDATE_PG_PORT:-55432}
role=${MANDATE_PG_ROLE:-mandate_test}
env_file=${MANDATE_PG_ENV_FILE:-.mandate/test-postgres.env}
env_var=${MANDATE_PG_ENV_VAR:-MANDATE_TEST_POSTGRES}
socket_dir=/var/run/postgresql

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
fail() { printf 'postgres.sh: %s\n' "$*" >&2; exit 1; }
# No silent exit: a command that fails under `set -e` names itself, its line, and where to look.
on_error() {
  local line=${BASH_LINENO[${#BASH_LINENO[@]} - 2]}
  printf 'postgres.sh: line %s failed (exit %s): %s\n%s\n' "$line" "$1" "$(sed -n "${line}s/^ *//p" "${BASH_SOURCE[0]}")" \
    '  Logs: /var/log/postgresql/; start over with: scripts/postgres.sh drop && scripts/postgres.sh (docs/testing.md)' >&2
}
trap 'on_error $?' ERR
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else fail "run as root or install sudo"; fi; }

[[ "$role" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || fail "MANDATE_PG_ROLE must be a lower-case SQL identifier"
[[ "$port" =~ ^[0-9]{2,5}$ ]] || fail "MANDATE_PG_PORT must be a port number"
[[ "$cluster" =~ ^[A-Za-z0-9_-]+$ ]] || fail "MANDATE_PG_CLUSTER may hold letters, digits, '-' and '_' only"
[[ "$env_var" =~ ^[A-Z_][A-Z0-9_]*$ ]] || fail "MANDATE_PG_ENV_VAR must be an upper-case variable name"

# The newest installed server version (a directory under /usr/lib/postgresql with a bin/postgres).
server_version() {
  local v
  for v in $(ls /usr/lib/postgresql 2>/dev/null | sort -rn); do
    [ -x "/usr/lib/postgresql/$v/bin/postgres" ] && { echo "$v"; return; }
  done
}

# Status of our cluster ("online", "down") or nothing when it does not exist.
cluster_status() { pg_lsclusters -h 2>/dev/null | awk -v v="$1" -v c="$cluster" '$1 == v && $2 == c { print $4 }'; }

# psql as the postgres superuser over the local socket (peer authentication); the script comes on stdin.
admin_psql() {
  as_root timeout 60 runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -At -h "$socket_dir" -p "$port" -d postgres "$@"
}

case "${1:-up}" in
  up) ;;
  stop|drop)
    v=$(server_version)
    if [ -n "$v" ] && [ -n "$(cluster_status "$v")" ]; then
      if [ "$(cluster_status "$v")" = online ]; then as_root timeout 120 pg_ctlcluster "$v" "$cluster" stop -m fast; fi
      if [ "$1" = drop ]; then as_root timeout 120 pg_dropcluster "$v" "$cluster"; fi
    fi
    if [ "$1" = drop ]; then
      # pg_dropcluster leaves files it did not create (our conf.d file, the saved password): remove the whole folder,
      # so that the next run starts as on a machine that never had the cluster.
      if [ -n "$v" ] && as_root test -d "/etc/postgresql/$v/$cluster"; then as_root rm -rf "/etc/postgresql/$v/$cluster"; fi
      rm -f "$env_file" "$env_file.tmp"
    fi
    exit 0 ;;
  *) fail "usage: scripts/postgres.sh [up|stop|drop]" ;;
esac

# 1. The server, from Debian's packages, when missing.
if ! command -v pg_createcluster >/dev/null || [ -z "$(server_version)" ]; then
  log "apt-get install postgresql"
  as_root timeout 600 apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
version=$(server_version)
[ -n "$version" ] || fail "no PostgreSQL server found under /usr/lib/postgresql after installing"

# The socket folder lives under /run, which a container restart empties.
[ -d "$socket_dir" ] || as_root install -d -o postgres -g postgres -m 2775 "$socket_dir"

# 2. A private cluster, on 127.0.0.1 only, not started at boot.
if [ -z "$(cluster_status "$version")" ]; then
  log "pg_createcluster $version $cluster (port $port, 127.0.0.1 only)"
  as_root timeout 300 pg_createcluster "$version" "$cluster" --port "$port" --locale C.UTF-8 --start-conf manual \
    -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  # Debian's postgresql.conf reads conf.d/ last. Test data only: durability traded for speed.
  printf '%s\n' "listen_addresses = '127.0.0.1'" "max_connections = 200" \
    "fsync = off" "synchronous_commit = off" "full_page_writes = off" |
    as_root tee "/etc/postgresql/$version/$cluster/conf.d/mandate-test.conf" >/dev/null
fi
configured_port=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $3 }')
[ "$configured_port" = "$port" ] || fail "cluster $version/$cluster uses port $configured_port, not $port (set MANDATE_PG_PORT=$configured_port or run: scripts/postgres.sh drop)"

# 3. Started.
if [ "$(cluster_status "$version")" != online ]; then
  log "pg_ctlcluster $version $cluster start"
  as_root timeout 120 pg_ctlcluster "$version" "$cluster" start
fi
for attempt in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$port" -t 1 && break
  [ "$attempt" = 60 ] && fail "PostgreSQL did not accept connections on 127.0.0.1:$port within 60 s (log: /var/log/postgresql/postgresql-$version-$cluster.log)"
  sleep 1
done

# 4. The role and its database; the connection string in a 0600 file. Reused while it still connects.
connection_string() { printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=%s;Password=%s' "$port" "$role" "$role" "$1"; }
password_works() {
  printf 'SELECT 1;\n' | PGPASSWORD="$1" PGCONNECT_TIMEOUT=10 timeout 30 \
    psql -X -q -At -h 127.0.0.1 -p "$port" -U "$role" -d "$role" >/dev/null 2>&1
}

# The cluster keeps its own copy of the role's password (root only), so that a second checkout on this machine (a
# fresh clone beside the working one) reuses it instead of resetting it under the other checkout's feet.
cluster_password_file="/etc/postgresql/$version/$cluster/mandate-$role.password"
save_cluster_password() { printf '%s\n' "$password" | as_root sh -c 'umask 077; cat > "$1"' sh "$cluster_password_file"; }
password=""
if [ -f "$env_file" ]; then
  password=$(sed -n "s/^$env_var='.*;Password=\([0-9a-f]*\)'\$/\1/p" "$env_file")
fi
if [ -z "$password" ] || ! password_works "$password"; then
  password=""
  # A new cluster has no saved password yet (the file is written below, once a role exists).
  if as_root test -f "$cluster_password_file"; then password=$(as_root cat "$cluster_password_file" | tr -cd '0-9a-f'); fi
  if [ -n "$password" ] && password_works "$password"; then
    log "role $role: password from $cluster_password_file"
    rm -f "$env_file"
  fi
fi
if [ -z "$password" ] || ! password_works "$password"; then
  log "role and database $role"
  password=$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')
  # The password goes through stdin, never the command line; it is hex, so it needs no quoting.
  admin_psql <<SQL
SELECT format('CREATE ROLE %I LOGIN CREATEDB', '$role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') \gexec
ALTER ROLE "$role" LOGIN CREATEDB PASSWORD '$password';
SELECT format('CREATE DATABASE %I OWNER %I', '$role', '$role') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$role') \gexec
SQL
  password_works "$password" || fail "role $role cannot sign in over 127.0.0.1:$port"
  save_cluster_password
  rm -f "$env_file"
fi
as_root test -f "$cluster_password_file" || save_cluster_password
# The tests drop their databases WITH (FORCE); PostgreSQL refuses that while an autovacuum worker is on the database
# ("must be a member of the role whose process is being terminated or member of pg_signal_backend") unless the role
# may signal other backends. Test role only; checked on every run so that clusters made before this line get it too.
if [ "$(printf "SELECT pg_has_role('%s', 'pg_signal_backend', 'MEMBER');\n" "$role" | admin_psql)" != t ]; then
  log "grant pg_signal_backend to $role"
  printf 'GRANT pg_signal_backend TO "%s";\n' "$role" | admin_psql
fi
if [ ! -f "$env_file" ]; then
  mkdir -p "$(dirname "$env_file")"
  (umask 077; printf "%s='%s'\n%s_CLUSTER='%s/%s'\n" "$env_var" "$(connection_string "$password")" "$env_var" "$version" "$cluster" >"$env_file.tmp")
  mv "$env_file.tmp" "$env_file"
fi
grep -q "^${env_var}_CLUSTER=" "$env_file" || printf "%s_CLUSTER='%s/%s'\n" "$env_var" "$version" "$cluster" >>"$env_file"
chmod 600 "$env_file"
log "PostgreSQL $version on 127.0.0.1:$port, role and database $role; $env_var is in $env_file"
