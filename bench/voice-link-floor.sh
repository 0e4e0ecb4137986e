#!/usr/bin/env bash
# bench/voice-link-floor.sh [SINGLE=100] [CONCURRENT=50] [ROUNDS=10] [AGENTS=60]
# The floor under call set-up through the adapter (issue 4), with no adapter running: a direct dial into
# the queue race-test (Local/q-race-test@dataivr-customer) against the shipped voice-link extension
# (Local/vr-…@dataivr-customer: its FastAGI call, answered at once by the adapter's AGI stack with one
# SET VARIABLE, then Ringing and Queue) and against a link with no FastAGI step (Local/vr… replaced by the
# benchmark-only vd-… extension: the link read once from AstDB, written by an AMI DBPut just before), all
# from the AMI Originate (the DBPut) to the agent's ringing. SINGLE calls
# one at a time per path, then ROUNDS rounds of CONCURRENT at once per path, alternating; AGENTS Local-
# channel agents (dataivr-test-agents). Prints p50/p99 of each path, the ratio, the ms the voice link's
# dialplan adds, and the CPU per call of Asterisk and of the benchmark's JVM (the AGI server)
# (VoiceLinkFloorBenchmark). Needs the FastAGI port 4573 free; runs through ./dataivr test, so under the
# machine-wide test lock.
set -euo pipefail
cd "$(dirname "$0")/.."
single="${1:-100}" concurrent="${2:-50}" rounds="${3:-10}" agents="${4:-60}"
if (( agents < concurrent )); then
  echo "AGENTS ($agents) must be at least CONCURRENT ($concurrent): every call should find an idle agent" >&2
  exit 2
fi
log="$(mktemp /tmp/dataivr-voice-link-floor.XXXXXX)"
trap 'rm -f "$log"' EXIT
./dataivr test -pl adapter -am -Dtest=VoiceLinkFloorBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddataivr.floor.single="$single" -Ddataivr.floor.concurrent="$concurrent" -Ddataivr.floor.rounds="$rounds" \
  -Ddataivr.floor.agents="$agents" >"$log" 2>&1 || { tail -60 "$log"; exit 1; }
grep -h '^floor:' adapter/target/surefire-reports/io.dataivr.voice.VoiceLinkFloorBenchmark-output.txt
echo "command: bench/voice-link-floor.sh $single $concurrent $rounds $agents"
