#!/usr/bin/env bash
# bench/voice-race.sh [AGENTS=100] [CALLS=1000] [WAITING=200] [RATE=0]
# The voice channel under a burst (issue 4): CALLS callers (AMI Originate into q-race-test,
# at most WAITING waiting at once; RATE > 0: arriving at RATE a second instead of all at once)
# race for AGENTS Local-channel agents of the test-only queue race-test, kept by the adapter
# with the Redis mirror (QueueRaceIntegrationTests with other numbers). Prints the calls per
# agent (FIFO fairness), double bookings, calls/s and hang-up -> agent back at the FIFO tail in
# Redis (p50/p99, from the AgentComplete's own timestamp to Redis running the append).
# WARMUP (default 300): calls raced first and not timed, so that a warm adapter is timed.
# ADAPTER=own-jvm (default): the adapter application in a JVM and session of its own, as
# ./dataivr up runs it (JVM options: adapter/jvm.options, then ADAPTER_JVM_OPTIONS as DATAIVR_JAVA_OPTS);
# ADAPTER=in-test: its AmiGateway/AgentService/mirror in the test's JVM (the suite's way).
# BREAKDOWN=1 (own-jvm only): the adapter records its side of each hang-up (dataivr.voice.event-timings)
# and the race splits the time: Asterisk -> the AMI reader, its queue, the handling, -> Redis.
# Runs through ./dataivr test, so under the machine-wide test lock.
set -euo pipefail
cd "$(dirname "$0")/.."
agents="${1:-100}" calls="${2:-1000}" waiting="${3:-200}" rate="${4:-0}" warmup="${WARMUP:-300}"
adapter="${ADAPTER:-own-jvm}"
case "$adapter" in
  own-jvm) own=true ;;
  in-test) own=false ;;
  *) echo "ADAPTER must be own-jvm or in-test, not $adapter" >&2; exit 2 ;;
esac
log="$(mktemp /tmp/dataivr-voice-race.XXXXXX)"
trap 'rm -f "$log"' EXIT
./dataivr test -pl adapter -am -Dtest=QueueRaceIntegrationTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddataivr.race.agents="$agents" -Ddataivr.race.calls="$calls" -Ddataivr.race.waiting="$waiting" \
  -Ddataivr.race.rate="$rate" -Ddataivr.race.warmup="$warmup" -Ddataivr.race.own-jvm="$own" \
  "-Ddataivr.race.adapter-jvm-options=${ADAPTER_JVM_OPTIONS:-}" -Ddataivr.race.breakdown="${BREAKDOWN:+true}" >"$log" 2>&1 ||
  { tail -40 "$log"; exit 1; }
grep -h '^race:' adapter/target/surefire-reports/io.dataivr.voice.QueueRaceIntegrationTests-output.txt
echo "command: WARMUP=$warmup ADAPTER=$adapter${BREAKDOWN:+ BREAKDOWN=$BREAKDOWN}${ADAPTER_JVM_OPTIONS:+ ADAPTER_JVM_OPTIONS=\"$ADAPTER_JVM_OPTIONS\"} bench/voice-race.sh $agents $calls $waiting $rate"
