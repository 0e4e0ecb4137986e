#!/usr/bin/env bash
# bench/voice-race.sh [AGENTS=100] [CALLS=1000] [WAITING=200]
# The voice channel under a burst (issue 4): CALLS callers (AMI Originate into q-race-test,
# at most WAITING waiting at once) race for AGENTS Local-channel agents of the test-only
# queue race-test, kept by the adapter's AmiGateway + AgentService with the Redis mirror
# (QueueRaceIntegrationTests with other numbers). Prints the calls per agent (FIFO fairness),
# double bookings, calls/s and hang-up -> agent back at the FIFO tail in Redis (p50/p99).
# Runs through ./dataivr test, so under the machine-wide test lock.
set -euo pipefail
cd "$(dirname "$0")/.."
agents="${1:-100}" calls="${2:-1000}" waiting="${3:-200}"
log="$(mktemp /tmp/dataivr-voice-race.XXXXXX)"
trap 'rm -f "$log"' EXIT
./dataivr test -pl adapter -am -Dtest=QueueRaceIntegrationTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddataivr.race.agents="$agents" -Ddataivr.race.calls="$calls" -Ddataivr.race.waiting="$waiting" >"$log" 2>&1 ||
  { tail -40 "$log"; exit 1; }
grep -h '^race:' adapter/target/surefire-reports/io.dataivr.voice.QueueRaceIntegrationTests-output.txt
echo "command: bench/voice-race.sh $agents $calls $waiting"
