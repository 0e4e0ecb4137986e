#!/usr/bin/env bash
# bench/menu-load.sh [CONNECTIONS=64] [SECONDS=20] [IDLE=10000]
# The IP channel under load (issue 3): starts its own adapter (-Xmx512m, port 18080, echo
# endpoint on) against the running PostgreSQL/Redis/Asterisk, runs benchmarks/MenuLoad
# (echo ceiling, menu navigation closed and open loop, consult latency, IDLE sessions held
# open), reads the adapter's live heap after a full GC while the idle sessions are open,
# prints a Markdown table, and stops the adapter. Everything stays on 127.0.0.1 and stops
# by itself. It takes the same lock as ./dataivr test (one load on the shared Asterisk).
# Optional: DATAIVR_BENCH_PHASES (default warmup,echo,menu,open,consult,idle; small-echo adds the
# 32-byte echo), DATAIVR_BENCH_JAVA_OPTS / DATAIVR_BENCH_LOAD_JAVA_OPTS (extra JVM options of the
# adapter / the generator, e.g. -Xlog:gc or a profiler agent), DATAIVR_BENCH_XMX (default 512m).
set -euo pipefail
cd "$(dirname "$0")/.."
connections="${1:-64}" seconds="${2:-20}" idle="${3:-10000}"
work="$(mktemp -d /tmp/dataivr-bench.XXXXXX)"
# shellcheck source=bench/lib/own-adapter.sh
. bench/lib/own-adapter.sh
bench_take_lock
stop_all() {
  [[ -z "${load:-}" ]] || kill "$load" 2>/dev/null || true
  bench_stop_adapter
  rm -rf "$work"
}
trap stop_all EXIT INT TERM
bench_start_adapter --dataivr.benchmark.echo=true

# shellcheck disable=SC2086  # the options are split into words
java ${DATAIVR_BENCH_LOAD_JAVA_OPTS:-} -Ddataivr.bench.hold-ms=8000 -Ddataivr.bench.adapter-pid="$adapter" \
  -Ddataivr.bench.phases="${DATAIVR_BENCH_PHASES:-warmup,echo,menu,open,consult,idle}" -jar benchmarks/target/dataivr-benchmarks.jar \
  "ws://127.0.0.1:$bench_port" "$connections" "$seconds" "$idle" >"$work/load.out" 2>&1 {lock}>&- &
load=$!
heap=""
: >"$work/load.out"
while kill -0 "$load" 2>/dev/null; do
  if [[ -z "$heap" ]] && grep -q '^IDLE_HELD' "$work/load.out"; then
    jcmd "$adapter" GC.run >/dev/null
    # (sed and awk read to the end: a reader that quits early would fail the pipeline with SIGPIPE)
    if [[ -n "${DATAIVR_BENCH_HISTOGRAM:-}" ]]; then jcmd "$adapter" GC.class_histogram | sed -n 1,30p >&2; fi
    heap=$(jcmd "$adapter" GC.heap_info |
      awk '!found && /garbage-first heap|used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); found=1; break}}')
  fi
  sleep 0.2
done
wait "$load" || { sed '/^[[:space:]]*at /d' "$work/load.out" | tail -20; echo "--- adapter log:"; tail -20 "$work/adapter.log"; exit 1; }
sed -e '/^IDLE_HELD/d' -e '/^PHASE/d' -e '/^command:/d' "$work/load.out"
echo "| adapter heap in use after a full GC with the idle sessions open (-Xmx512m) | ${heap:-n/a} |"
echo
echo "command: bench/menu-load.sh $connections $seconds $idle"
