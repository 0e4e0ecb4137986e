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
work="$(mktemp -d /tmp/dataivr-socket-memory.XXXXXX)"
# shellcheck source=bench/lib/own-adapter.sh
. bench/lib/own-adapter.sh
bench_take_lock
trap 'bench_stop_adapter; rm -rf "$work"' EXIT INT TERM

echo "| client | what it offers | extension agreed | adapter VmRSS before | with $sessions sessions open | per session |"
echo "|---|---|---|---|---|---|"
for client in jdk okhttp; do
  # shellcheck disable=SC2119  # no extra arguments
  bench_start_adapter
  line="$(java -cp benchmarks/target/dataivr-benchmarks.jar io.dataivr.bench.SocketMemory \
    "ws://127.0.0.1:$bench_port" "$adapter" "$sessions" "$client" {lock}>&- | grep '^SOCKETS ')"
  bench_stop_adapter
  offers="nothing"
  [[ "$client" == okhttp ]] && offers="permessage-deflate"
  # SOCKETS client=… n=… extensions=… rss_before_kb=… rss_after_kb=… per_session_kb=…
  read -r agreed before after per <<<"$(sed -E 's/.* extensions=([^ ]*) rss_before_kb=([0-9]+) rss_after_kb=([0-9]+) per_session_kb=([0-9.]+).*/\1 \2 \3 \4/' <<<"$line")"
  echo "| $client | $offers | $agreed | $((before / 1024)) MiB | $((after / 1024)) MiB | **$per KB** |"
done
echo
echo "command: bench/socket-memory.sh $sessions"
