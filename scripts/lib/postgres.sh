# shellcheck shell=bash disable=SC2034  # STEP_NOTE and settings are read by other files
# scripts/lib/postgres.sh — PostgreSQL on 127.0.0.1:5432, the role "dataivr"
# (password "dataivr") and the databases "dataivr" and "dataivr_test"; each
# checkout's ./dataivr test runs on a test database of its own, made afresh.
#
# A server that was already running is used as it is and never stopped by
# ./dataivr down; one that ./dataivr started is recorded in
# $DATAIVR_RUN/postgres.started (its cluster) and stopped by down.

PG_HOST=127.0.0.1
PG_PORT=5432
PG_ROLE=dataivr
PG_PASSWORD=dataivr
PG_DATABASES=(dataivr dataivr_test)
PG_MARKER="$DATAIVR_RUN/postgres.started"

pg_ready() {
  pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1
}

# Sets PG_VERSION to the newest installed PostgreSQL major version with a "main"
# cluster; creates that cluster if the package left none. Call it in the main
# shell (not in $(…), where die would stop nothing).
PG_VERSION=""
pg_cluster_version() {
  # shellcheck disable=SC2012  # version directories: plain names
  PG_VERSION="$({ ls /etc/postgresql 2>/dev/null || true; } | sort -V | tail -n 1)"
  if [[ -z "$PG_VERSION" ]]; then
    # shellcheck disable=SC2012
    PG_VERSION="$({ ls /usr/lib/postgresql 2>/dev/null || true; } | sort -V | tail -n 1)"
    [[ -n "$PG_VERSION" ]] || die "PostgreSQL is not installed (apt-get install postgresql)"
    pg_createcluster "$PG_VERSION" main >>"$DATAIVR_LOG/postgres.log" 2>&1 ||
      die_with_log "$DATAIVR_LOG/postgres.log" "could not create the PostgreSQL $PG_VERSION cluster"
  fi
}

ensure_postgres() {
  if pg_ready; then
    STEP_NOTE="already running"
    return 0
  fi
  if port_in_use tcp "$PG_PORT" "$PG_HOST"; then
    # shellcheck disable=SC2046
    die "port $PG_PORT/tcp is taken by $(describe_pids $(port_pids tcp "$PG_PORT")), which does not answer as PostgreSQL"
  fi
  local version log="$DATAIVR_LOG/postgres.log"
  pg_cluster_version
  version="$PG_VERSION"
  (without_test_lock && exec pg_ctlcluster --skip-systemctl-redirect "$version" main start) >>"$log" 2>&1 ||
    die_with_log "$log" "PostgreSQL $version/main did not start"
  echo "$version main" >"$PG_MARKER"
  wait_until 30 pg_ready || die_with_log "$log" "PostgreSQL $version/main started but does not answer on $PG_HOST:$PG_PORT"
  STEP_NOTE="started cluster $version/main"
}

# pg_admin < SQL: psql as the superuser "postgres", over the Unix socket
# (peer auth, works on a fresh Debian install) or, failing that, over TCP
# (trust auth, as on the CI machines).
pg_admin() {
  if runuser -u postgres -- psql -X -q -d postgres -c 'select 1' >/dev/null 2>&1; then
    runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -d postgres
  else
    psql -X -q -v ON_ERROR_STOP=1 -w -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres
  fi
}

ensure_database() {
  local log="$DATAIVR_LOG/postgres.log" db
  {
    echo "DO \$\$ BEGIN"
    echo "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE') THEN"
    echo "    CREATE ROLE $PG_ROLE LOGIN PASSWORD '$PG_PASSWORD';"
    echo "  ELSE"
    echo "    ALTER ROLE $PG_ROLE LOGIN PASSWORD '$PG_PASSWORD';"
    echo "  END IF;"
    echo "END \$\$;"
    for db in "${PG_DATABASES[@]}"; do
      echo "SELECT 'CREATE DATABASE $db OWNER $PG_ROLE' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$db') \\gexec"
      echo "ALTER DATABASE $db OWNER TO $PG_ROLE;"
    done
  } | pg_admin >>"$log" 2>&1 ||
    die_with_log "$log" "could not create the role $PG_ROLE and databases ${PG_DATABASES[*]} (is the superuser postgres reachable?)"

  for db in "${PG_DATABASES[@]}"; do
    PGPASSWORD="$PG_PASSWORD" psql -X -q -w -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d "$db" -c 'select 1' >/dev/null 2>>"$log" ||
      die_with_log "$log" "role $PG_ROLE cannot log in to database $db over $PG_HOST:$PG_PORT (check pg_hba.conf)"
  done
  STEP_NOTE="role $PG_ROLE, databases ${PG_DATABASES[*]}"
}

# test_database_name: this checkout's own test database, named after its path.
test_database_name() {
  local checkout
  checkout="$(cd "$DATAIVR_HOME" && pwd -P)"
  local digest
  digest="$(printf '%s' "$checkout" | sha1sum)"
  echo "dataivr_test_${digest:0:10}"
}

# Step: this checkout's test database, dropped and created again, so the tests
# run on exactly the schema this checkout's migrations give (no other branch's
# migrations in it, nothing left by an earlier run). Exports its JDBC URL for
# the tests (application-test.yml reads DATAIVR_TEST_DB_URL).
fresh_test_database() {
  local log="$DATAIVR_LOG/postgres.log" db
  db="$(test_database_name)"
  {
    echo "DROP DATABASE IF EXISTS $db WITH (FORCE);"
    echo "CREATE DATABASE $db OWNER $PG_ROLE;"
  } | pg_admin >>"$log" 2>&1 || die_with_log "$log" "could not create the test database $db"
  export DATAIVR_TEST_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$db"
  STEP_NOTE="$db, empty"
}

# Stops PostgreSQL only if ./dataivr started it.
stop_postgres_if_ours() {
  if [[ ! -f "$PG_MARKER" ]]; then
    STEP_NOTE="left running (not started by ./dataivr)"
    return 0
  fi
  local version cluster
  read -r version cluster <"$PG_MARKER"
  pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" stop >>"$DATAIVR_LOG/postgres.log" 2>&1 ||
    warn "pg_ctlcluster $version $cluster stop failed (see $DATAIVR_LOG/postgres.log)"
  rm -f "$PG_MARKER"
  STEP_NOTE="stopped $version/$cluster"
}
