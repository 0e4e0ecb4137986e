# shellcheck shell=bash disable=SC2034  # STEP_NOTE and settings are read by other files
# scripts/lib/redis.sh — Redis on 127.0.0.1:6379, nothing kept on disk.
#
# A server that was already running is used as it is and never stopped; one
# that ./dataivr started has its pid in $DATAIVR_RUN/redis.pid and the marker
# $DATAIVR_RUN/redis.started, and ./dataivr down stops it.

REDIS_HOST=127.0.0.1
REDIS_PORT=6379
REDIS_MARKER="$DATAIVR_RUN/redis.started"

redis_ready() {
  [[ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

ensure_redis() {
  if redis_ready; then
    STEP_NOTE="already running"
    return 0
  fi
  if port_in_use tcp "$REDIS_PORT" "$REDIS_HOST"; then
    # shellcheck disable=SC2046
    die "port $REDIS_PORT/tcp is taken by $(describe_pids $(port_pids tcp "$REDIS_PORT")), which does not answer as Redis"
  fi
  local log="$DATAIVR_LOG/redis.log"
  mkdir -p "$DATAIVR_STATE/redis"
  # Start-up errors go to stdout before the log file is open: same log.
  # shellcheck disable=SC2094
  (without_test_lock && exec redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" \
    --save "" --appendonly no \
    --dir "$DATAIVR_STATE/redis" --logfile "$log" --pidfile "$DATAIVR_RUN/redis.pid") >>"$log" 2>&1 ||
    die_with_log "$log" "redis-server did not start"
  touch "$REDIS_MARKER"
  wait_until 10 redis_ready || die_with_log "$log" "redis-server started but does not answer on $REDIS_HOST:$REDIS_PORT"
  STEP_NOTE="started"
}

# Stops Redis only if ./dataivr started it.
stop_redis_if_ours() {
  if [[ ! -f "$REDIS_MARKER" ]]; then
    STEP_NOTE="left running (not started by ./dataivr)"
    return 0
  fi
  local pid
  if pid="$(running_pid redis redis-server)"; then
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    stop_pid "$pid" 10
    STEP_NOTE="stopped"
  else
    STEP_NOTE="was not running"
  fi
  rm -f "$REDIS_MARKER" "$DATAIVR_RUN/redis.pid"
}
