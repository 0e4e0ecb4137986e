# shellcheck shell=bash disable=SC2034  # STEP_NOTE and settings are read by other files
# scripts/lib/phones.sh — the demo agent desk phones started by ./dataivr up:
# baresip instances (scripts/baresip-phone) registered as agent1..agent3,
# answering automatically and "speaking" a tone, so a customer who calls
# hears which agent answered.
#
#   agentN  SIP 127.0.0.1N:5060/udp  ctrl_tcp 127.0.0.1N:4444  tone (4+N)00 Hz
#   config and recordings: .dataivr/phones/agentN/{config,recordings}
#   log: .dataivr/log/phone-agentN.log
# Once they are registered, up logs them in to the queue "support" through
# the adapter's API (POST /api/v1/agents/agentN/login), so that a customer
# who asks for an agent reaches one.

DEMO_AGENTS=(agent1 agent2 agent3)
DEMO_QUEUE=support
PHONE_SIP_PORT=5060
PHONE_CTRL_PORT=4444

phone_addr() { echo "127.0.0.1${1#agent}"; }
phone_tone() { echo "$((4 + ${1#agent}))00"; }
phone_dir() { echo "$DATAIVR_STATE/phones/$1"; }

our_phone_pid() {
  running_pid "phone-$1" "baresip -4 -f $(phone_dir "$1")/config"
}

phone_registered() {
  grep -q "^$1@$SIP_HOST: .* 200 OK" "$DATAIVR_LOG/phone-$1.log" 2>/dev/null
}

start_phone() {
  local name="$1" addr dir log pid
  addr="$(phone_addr "$name")"
  dir="$(phone_dir "$name")"
  log="$DATAIVR_LOG/phone-$name.log"
  require_port_free_or_ours "demo phone $name (SIP)" udp "$PHONE_SIP_PORT" "$addr"
  require_port_free_or_ours "demo phone $name (ctrl_tcp)" tcp "$PHONE_CTRL_PORT" "$addr"
  : >"$log"
  (without_test_lock && exec setsid "$DATAIVR_HOME/scripts/baresip-phone" --user "$name" --password "$name-secret" \
    --addr "$addr" --sip-port "$PHONE_SIP_PORT" --ctrl-port "$PHONE_CTRL_PORT" \
    --tone "$(phone_tone "$name")" --auto-answer \
    --record-dir "$dir/recordings" --config-dir "$dir/config") </dev/null >>"$log" 2>&1 &
  pid=$!
  echo "$pid" >"$DATAIVR_RUN/phone-$name.pid"
}

# Step: agent1..agent3 running and registered at Asterisk.
ensure_demo_phones() {
  local name pid started=() reused=()
  command -v baresip >/dev/null || die "baresip is not installed (apt-get install baresip-core)"
  mkdir -p "$DATAIVR_STATE/phones"
  for name in "${DEMO_AGENTS[@]}"; do
    if our_phone_pid "$name" >/dev/null; then
      reused+=("$name")
    else
      start_phone "$name"
      started+=("$name")
    fi
  done
  for name in "${started[@]}"; do
    pid="$(<"$DATAIVR_RUN/phone-$name.pid")"
    if ! wait_until 15 phone_registered "$name"; then
      pid_alive "$pid" || die_with_log "$DATAIVR_LOG/phone-$name.log" "demo phone $name exited"
      die_with_log "$DATAIVR_LOG/phone-$name.log" "demo phone $name did not register at Asterisk ($SIP_HOST:$SIP_PORT) within 15 s"
    fi
  done
  if ((${#reused[@]} == 0)); then
    STEP_NOTE="ok, ${started[*]} registered"
  elif ((${#started[@]} == 0)); then
    STEP_NOTE="already running (${reused[*]})"
  else
    STEP_NOTE="started ${started[*]}, already running ${reused[*]}"
  fi
}

# any_demo_phone_running: true if up's phones are running
any_demo_phone_running() {
  local name
  for name in "${DEMO_AGENTS[@]}"; do
    our_phone_pid "$name" >/dev/null && return 0
  done
  return 1
}

stop_demo_phones() {
  local name pid pids=() stopped=()
  # SIGTERM to all first: each takes about a second to unregister.
  for name in "${DEMO_AGENTS[@]}"; do
    if pid="$(our_phone_pid "$name")"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      stopped+=("$name")
    fi
  done
  for pid in "${pids[@]}"; do
    stop_pid "$pid" 5
  done
  for name in "${DEMO_AGENTS[@]}"; do
    rm -f "$DATAIVR_RUN/phone-$name.pid"
  done
  if ((${#stopped[@]} == 0)); then
    STEP_NOTE="not running"
  else
    STEP_NOTE="stopped ${stopped[*]}"
  fi
}

# Step: the demo agents logged in to the demo queue through the adapter's
# API (idempotent: logging in an idle agent again changes nothing). Not
# fatal: without it the stack runs, the agents just take no calls.
login_demo_agents() {
  local name code failed=()
  for name in "${DEMO_AGENTS[@]}"; do
    code="$(http_post_json "$ADAPTER_HOST" "$ADAPTER_HTTP_PORT" "/api/v1/agents/$name/login" \
      "{\"queue\":\"$DEMO_QUEUE\"}" "$(agent_basic_auth "$name")" 2>/dev/null)" || code="no answer"
    [[ "$code" == 2?? ]] || failed+=("$name: $code")
  done
  if ((${#failed[@]} == 0)); then
    STEP_NOTE="ok, ${DEMO_AGENTS[*]} idle in queue $DEMO_QUEUE"
  else
    STEP_NOTE="NOT DONE (POST /api/v1/agents/NAME/login answered ${failed[*]}); the agents take no calls"
  fi
}
