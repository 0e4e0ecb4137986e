# shellcheck shell=bash disable=SC2034  # STEP_NOTE and settings are read by other files
# scripts/lib/adapter.sh — the Java side: building the project, the adapter
# service (HTTP 127.0.0.1:8080, FastAGI 127.0.0.1:4573) and running the
# project's jars for `menu` and `client`.

ADAPTER_JAR_REL="adapter/target/dataivr-adapter.jar"
CLIENT_JAR_REL="mobile-sdk/target/dataivr-client.jar"
ADAPTER_JAR="$DATAIVR_HOME/$ADAPTER_JAR_REL"
CLIENT_JAR="$DATAIVR_HOME/$CLIENT_JAR_REL"
ADAPTER_HOST=127.0.0.1
ADAPTER_HTTP_PORT=8080
ADAPTER_AGI_PORT=4573
ADAPTER_HEALTH_PATH=/actuator/health
ADAPTER_START_TIMEOUT="${DATAIVR_ADAPTER_TIMEOUT:-180}"   # seconds
# The admin API's user for `./dataivr up`: a development credential unless the
# environment gives one (DATAIVR_ADMIN_USERNAME, DATAIVR_ADMIN_PASSWORD or
# DATAIVR_ADMIN_PASSWORD_HASH). The adapter itself has no default; see docs/admin-api.md.
ADMIN_USER="${DATAIVR_ADMIN_USERNAME:-admin}"
ADMIN_DEV_PASSWORD=dataivr-admin-dev
# The agent endpoints' passwords for `./dataivr up` (docs/admin-api.md, "Agents"): unless
# DATAIVR_AGENT_PASSWORD_FILE names a file of NAME:HASH lines, each demo agent gets a
# development password, "NAME" + this suffix. The adapter itself has no default.
AGENT_DEV_PASSWORD_SUFFIX=-dataivr-dev
# Development only: the customer-token secret and demo mode (docs/protocol.md, "Customer tokens").
ADAPTER_DEV_TOKEN_SECRET="dataivr-dev-secret-change-me-0123456789"
# Web pages that may open the WebSockets besides the adapter's own origin (docs/protocol.md, "the
# Origin check"): what the demo serves, the adapter's HTTP port under both loopback names, unless
# DATAIVR_CHANNEL_ALLOWED_ORIGINS is set. The adapter's own default: its own origin only.
ADAPTER_DEMO_ORIGINS="http://$ADAPTER_HOST:$ADAPTER_HTTP_PORT,http://localhost:$ADAPTER_HTTP_PORT"

require_java_tools() {
  command -v java >/dev/null || die "java not found (apt-get install openjdk-17-jdk-headless)"
  command -v mvn >/dev/null || die "mvn not found (apt-get install maven)"
}

# build_project: the web SDK's dist/ (the adapter serves it at /app/), then
# mvn -B -q -DskipTests package at the repository root.
build_project() {
  local log="$DATAIVR_LOG/build.log"
  require_java_tools
  [[ -f "$DATAIVR_HOME/pom.xml" ]] || die "no pom.xml in $DATAIVR_HOME: the Java project is not there yet"
  echo "=== $(date -Is) web-sdk: npm ci, npm run build" >>"$log"
  build_web_sdk "$log"
  echo "=== $(date -Is) mvn -B -q -DskipTests package" >>"$log"
  (cd "$DATAIVR_HOME" && mvn -B -q -DskipTests package) >>"$log" 2>&1 ||
    die_with_log "$log" "the Java build failed (mvn -B -q -DskipTests package; full output in $log)"
}

# require_jar PATH: builds the project when the jar is missing.
require_jar() {
  local jar="$1"
  [[ -f "$jar" ]] && return 0
  ensure_state_dirs
  say "building the Java project (mvn -B -q -DskipTests package), $jar is missing…"
  build_project
  [[ -f "$jar" ]] || die "the build finished but did not produce $jar"
}

# run_jar JAR ARGS…: runs it in the caller's directory and passes its exit
# code through (exec).
run_jar() {
  local jar="$1"
  shift
  require_java_tools
  require_jar "$jar"
  export DATAIVR_HOME
  # shellcheck disable=SC2086
  exec java ${DATAIVR_JAVA_OPTS:-} -jar "$jar" "$@"
}

# --- the adapter service -------------------------------------------------------------------

# read_adapter_jvm_options: sets ADAPTER_JVM_OPTIONS (an array) to the adapter service's JVM
# options, as adapter/jvm-options.sh (their one reader) prints them; dies if it fails. Call it in
# the main shell, not in a command substitution, so that a failure stops the step.
ADAPTER_JVM_OPTIONS=()
read_adapter_jvm_options() {
  local out
  out="$(sh "$DATAIVR_HOME/adapter/jvm-options.sh" 2>&1)" || die "reading the adapter's JVM options: $out"
  ADAPTER_JVM_OPTIONS=()
  [[ -z "$out" ]] || mapfile -t ADAPTER_JVM_OPTIONS <<<"$out"
}

our_adapter_pid() {
  running_pid adapter "$ADAPTER_JAR_REL"
}

adapter_healthy() {
  local response
  response="$(http_get "$ADAPTER_HOST" "$ADAPTER_HTTP_PORT" "$ADAPTER_HEALTH_PATH" 2>/dev/null)" || return 1
  grep -q '"status" *: *"UP"' <<<"$response"
}

# Step: build (unless the adapter is already running from the current jar).
build_step() {
  if our_adapter_pid >/dev/null; then
    STEP_NOTE="skipped: the adapter is running (./dataivr down first to run a new build)"
    return 0
  fi
  build_project
  [[ -f "$ADAPTER_JAR" ]] || die "the build finished but did not produce $ADAPTER_JAR_REL"
}

# Step: the adapter running and healthy.
ensure_adapter() {
  local pid log="$DATAIVR_LOG/adapter.log"
  if pid="$(our_adapter_pid)"; then
    adapter_healthy || wait_until 60 adapter_healthy ||
      die_with_log "$log" "the adapter (pid $pid) runs but $ADAPTER_HEALTH_PATH is not UP"
    STEP_NOTE="already running (pid $pid)"
    return 0
  fi
  [[ -f "$ADAPTER_JAR" ]] || die "$ADAPTER_JAR_REL is missing (the build did not produce it)"
  require_port_free_or_ours "the adapter (HTTP)" tcp "$ADAPTER_HTTP_PORT" "$ADAPTER_HOST"
  require_port_free_or_ours "the adapter (FastAGI)" tcp "$ADAPTER_AGI_PORT" "$ADAPTER_HOST"

  read_adapter_jvm_options
  echo "=== $(date -Is) java ${ADAPTER_JVM_OPTIONS[*]} ${DATAIVR_JAVA_OPTS:-} -jar $ADAPTER_JAR_REL" >>"$log"
  # shellcheck disable=SC2086
  (cd "$DATAIVR_HOME" && without_test_lock && export_admin_credentials && export_agent_credentials && exec setsid env DATAIVR_HOME="$DATAIVR_HOME" \
    DATAIVR_SESSION_TOKEN_SECRET="${DATAIVR_SESSION_TOKEN_SECRET:-$ADAPTER_DEV_TOKEN_SECRET}" \
    DATAIVR_SESSION_DEMO="${DATAIVR_SESSION_DEMO:-true}" \
    DATAIVR_CHANNEL_ALLOWED_ORIGINS="${DATAIVR_CHANNEL_ALLOWED_ORIGINS:-$ADAPTER_DEMO_ORIGINS}" \
    java "${ADAPTER_JVM_OPTIONS[@]}" ${DATAIVR_JAVA_OPTS:-} -jar "$ADAPTER_JAR_REL" </dev/null >>"$log" 2>&1) &
  pid=$!
  echo "$pid" >"$DATAIVR_RUN/adapter.pid"

  local deadline=$(($(now_us) + ADAPTER_START_TIMEOUT * 1000000))
  until adapter_healthy; do
    pid_alive "$pid" || { rm -f "$DATAIVR_RUN/adapter.pid"; die_with_log "$log" "the adapter exited during start-up"; }
    (($(now_us) < deadline)) ||
      die_with_log "$log" "the adapter did not report UP at http://$ADAPTER_HOST:$ADAPTER_HTTP_PORT$ADAPTER_HEALTH_PATH within ${ADAPTER_START_TIMEOUT} s (still running as pid $pid; ./dataivr down stops it)"
    sleep 0.5
  done
  STEP_NOTE="ok, pid $pid"
}

# export_admin_credentials: in the adapter's (sub)shell, so no secret shows in a
# command line.
export_admin_credentials() {
  export DATAIVR_ADMIN_USERNAME="$ADMIN_USER"
  if [[ -z "${DATAIVR_ADMIN_PASSWORD_HASH:-}" ]]; then
    export DATAIVR_ADMIN_PASSWORD="${DATAIVR_ADMIN_PASSWORD:-$ADMIN_DEV_PASSWORD}"
  fi
}

# export_agent_credentials: the demo agents' development passwords, in the
# adapter's (sub)shell (Spring binds DATAIVR_AGENTAUTH_PASSWORDS_NAME to
# dataivr.agent-auth.passwords.NAME), unless a password file is given.
export_agent_credentials() {
  local name
  [[ -n "${DATAIVR_AGENT_PASSWORD_FILE:-}" ]] && return 0
  for name in "${DEMO_AGENTS[@]}"; do
    export "DATAIVR_AGENTAUTH_PASSWORDS_${name^^}=${name}${AGENT_DEV_PASSWORD_SUFFIX}"
  done
}

# Step: the development supervisor of `./dataivr up` in the users table (docs/sign-in.md), unless
# DATAIVR_DEV_SUPERVISOR=no; kept if it exists (its password may have been changed since).
DEV_SUPERVISOR=supervisor
DEV_SUPERVISOR_PASSWORD=supervisor-dataivr-dev
ensure_dev_supervisor() {
  local rc=0 log="$DATAIVR_LOG/adapter.log"
  if [[ "${DATAIVR_DEV_SUPERVISOR:-yes}" == no ]]; then
    STEP_NOTE="skipped (DATAIVR_DEV_SUPERVISOR=no)"
    return 0
  fi
  echo "=== $(date -Is) java -jar $ADAPTER_JAR_REL user add $DEV_SUPERVISOR --role supervisor" >>"$log"
  # shellcheck disable=SC2086
  printf '%s\n' "$DEV_SUPERVISOR_PASSWORD" | (cd "$DATAIVR_HOME" && DATAIVR_HOME="$DATAIVR_HOME" \
    java ${DATAIVR_JAVA_OPTS:-} -jar "$ADAPTER_JAR_REL" user add "$DEV_SUPERVISOR" --role supervisor) >>"$log" 2>&1 || rc=$?
  case "$rc" in
    0) STEP_NOTE="added $DEV_SUPERVISOR" ;;
    3) STEP_NOTE="$DEV_SUPERVISOR exists (kept)" ;;
    *) die_with_log "$log" "./dataivr user add $DEV_SUPERVISOR failed (exit $rc)" ;;
  esac
}

# supervisor_credentials_hint: what the summary says about the development supervisor.
supervisor_credentials_hint() {
  if [[ "${DATAIVR_DEV_SUPERVISOR:-yes}" == no ]]; then
    echo "none (DATAIVR_DEV_SUPERVISOR=no; ./dataivr user add NAME --role supervisor)"
  else
    echo "$DEV_SUPERVISOR / $DEV_SUPERVISOR_PASSWORD (development only; added once, ./dataivr user remove $DEV_SUPERVISOR)"
  fi
}

# agent_basic_auth NAME: the HTTP Basic credentials (user:password) that may act
# for the demo agent NAME: its development password, or else the admin's when
# `up` knows it; empty when neither is known.
agent_basic_auth() {
  if [[ -z "${DATAIVR_AGENT_PASSWORD_FILE:-}" ]]; then
    echo "$1:$1$AGENT_DEV_PASSWORD_SUFFIX"
  elif [[ -z "${DATAIVR_ADMIN_PASSWORD_HASH:-}" ]]; then
    echo "$ADMIN_USER:${DATAIVR_ADMIN_PASSWORD:-$ADMIN_DEV_PASSWORD}"
  fi
}

# agent_credentials_hint: what the summary says about the agents' passwords.
agent_credentials_hint() {
  if [[ -n "${DATAIVR_AGENT_PASSWORD_FILE:-}" ]]; then
    echo "each agent with its password of DATAIVR_AGENT_PASSWORD_FILE, or the admin"
  else
    echo "agentN / agentN$AGENT_DEV_PASSWORD_SUFFIX (development only), or the admin"
  fi
}

# admin_credentials_hint: what the summary says about the admin user (never a
# password the user chose).
admin_credentials_hint() {
  if [[ -n "${DATAIVR_ADMIN_PASSWORD_HASH:-}" ]]; then
    echo "user $ADMIN_USER, the password of DATAIVR_ADMIN_PASSWORD_HASH"
  elif [[ -n "${DATAIVR_ADMIN_PASSWORD:-}" ]]; then
    echo "user $ADMIN_USER, the password in DATAIVR_ADMIN_PASSWORD"
  else
    echo "user $ADMIN_USER / $ADMIN_DEV_PASSWORD (development only)"
  fi
}

stop_adapter_if_ours() {
  local pid
  if ! pid="$(our_adapter_pid)"; then
    rm -f "$DATAIVR_RUN/adapter.pid"
    STEP_NOTE="not running"
    return 0
  fi
  stop_pid "$pid" 30
  rm -f "$DATAIVR_RUN/adapter.pid"
  STEP_NOTE="stopped"
}
