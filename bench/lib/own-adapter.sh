# shellcheck shell=bash
# Sourced by the bench/*.sh that start an adapter of their own (menu-load.sh, socket-memory.sh), from the
# checkout's root, with $work (a temporary directory) set. Everything stays on 127.0.0.1.
: "${work:?set work to a temporary directory before sourcing bench/lib/own-adapter.sh}"

bench_port=18080
adapter=""

# bench_take_lock: the infrastructure up, then the machine-wide test lock (scripts/lib/common.sh) on $lock,
# which the processes started here do not inherit; then the jars built.
bench_take_lock() {
  ./dataivr infra >/dev/null
  exec {lock}>"${DATAIVR_CACHE:-/var/cache/dataivr}/test.lock"
  flock "$lock"
  mvn -B -q -DskipTests package >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
}

# bench_start_adapter [ARG…]: the adapter on $bench_port with the service's JVM options (adapter/jvm.options,
# read as ./dataivr up reads them), -Xmx${DATAIVR_BENCH_XMX:-512m}, DATAIVR_BENCH_JAVA_OPTS, the benchmarks'
# settings and ARG…; its pid in $adapter, its log in $work/adapter.log; returns once its health answers.
bench_start_adapter() {
  local jvm_options
  jvm_options="$(sh adapter/jvm-options.sh)"
  # shellcheck disable=SC2086  # the options are split into words
  DATAIVR_HOME="$PWD" java $jvm_options "-Xmx${DATAIVR_BENCH_XMX:-512m}" \
    ${DATAIVR_BENCH_JAVA_OPTS:-} -jar adapter/target/dataivr-adapter.jar \
    --server.port="$bench_port" --dataivr.voice.agi-port=14573 \
    --dataivr.session.demo=true --dataivr.session.token-secret=benchmark-secret-0123456789abcdefghijkl \
    --dataivr.channel.messages-per-second=1000000 --dataivr.channel.burst=1000000 \
    --logging.level.root=WARN --logging.level.io.dataivr=WARN "$@" >"$work/adapter.log" 2>&1 {lock}>&- &
  adapter=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$bench_port/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$adapter" 2>/dev/null || { cat "$work/adapter.log"; exit 1; }
    sleep 0.5
  done
  echo "the adapter did not start in 60 s" >&2
  tail -20 "$work/adapter.log" >&2
  exit 1
}

# bench_stop_adapter: stops it (TERM, then KILL after 20 s), if one runs.
bench_stop_adapter() {
  [[ -n "$adapter" ]] || return 0
  kill "$adapter" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$adapter" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$adapter" 2>/dev/null || true
  adapter=""
}
