#!/usr/bin/env bash
# bench/socket-memory.sh [SESSIONS=3000]
# What an open consultation costs the adapter's process in resident memory (heap and native), by the client
# that opens it: Java's own WebSocket client, which offers no extension (the baseline), and OkHttp, the
# SDK's client, which offers permessage-deflate as browsers do. For each client: a fresh adapter
# (-Xmx512m, port 18080), 200 sessions opened and closed, the adapter's VmRSS after a full GC, SESSIONS
# sessions held open (each consulted and shown its menu), VmRSS after a full GC again
# (benchmarks/SocketMemory). Prints a Markdown table. Everything stays on 127.0.0.1 and stops by itself;
# it takes the same lock as ./dataivr test.
set -euo pipefail
cd "$(dirname "$0")/.."
sessions="${1:-3000}"
port=18080
work="$(mktemp -d /tmp/dataivr-socket-memory.XXXXXX)"
adapter=""

./dataivr infra >/dev/null
exec {lock}>"${DATAIVR_CACHE:-/var/cache/dataivr}/test.lock"  # the machine-wide test lock (scripts/lib/common.sh)
flock "$lock"
mvn -B -q -DskipTests package >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

stop_adapter() {
  [[ -n "$adapter" ]] || return 0
  kill "$adapter" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$adapter" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$adapter" 2>/dev/null || true
  adapter=""
}
trap 'stop_adapter; rm -rf "$work"' EXIT INT TERM

start_adapter() {
  local jvm_options
  jvm_options="$(sh adapter/jvm-options.sh)"
  # shellcheck disable=SC2086  # the options are split into words
  DATAIVR_HOME="$PWD" java $jvm_options -Xmx512m -jar adapter/target/dataivr-adapter.jar \
    --server.port="$port" --dataivr.voice.agi-port=14573 \
    --dataivr.session.demo=true --dataivr.session.token-secret=benchmark-secret-0123456789abcdefghijkl \
    --dataivr.channel.messages-per-second=1000000 --dataivr.channel.burst=1000000 \
    --logging.level.root=WARN --logging.level.io.dataivr=WARN >"$work/adapter.log" 2>&1 {lock}>&- &
  adapter=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$adapter" 2>/dev/null || { cat "$work/adapter.log"; exit 1; }
    sleep 0.5
  done
  echo "the adapter did not start in 60 s" >&2
  tail -20 "$work/adapter.log" >&2
  exit 1
}

echo "| client | what it offers | extension agreed | adapter VmRSS before | with $sessions sessions open | per session |"
echo "|---|---|---|---|---|---|"
for client in jdk okhttp; do
  start_adapter
  line="$(java -cp benchmarks/target/dataivr-benchmarks.jar io.dataivr.bench.SocketMemory \
    "ws://127.0.0.1:$port" "$adapter" "$sessions" "$client" {lock}>&- | grep '^SOCKETS ')"
  stop_adapter
  offers="nothing"
  [[ "$client" == okhttp ]] && offers="permessage-deflate"
  # SOCKETS client=… n=… extensions=… rss_before_kb=… rss_after_kb=… per_session_kb=…
  read -r agreed before after per <<<"$(sed -E 's/.* extensions=([^ ]*) rss_before_kb=([0-9]+) rss_after_kb=([0-9]+) per_session_kb=([0-9.]+).*/\1 \2 \3 \4/' <<<"$line")"
  echo "| $client | $offers | $agreed | $((before / 1024)) MiB | $((after / 1024)) MiB | **$per KB** |"
done
echo
echo "command: bench/socket-memory.sh $sessions"
