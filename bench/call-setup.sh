#!/usr/bin/env bash
# bench/call-setup.sh [SINGLE=100] [CONCURRENT=50] [ROUNDS=10] [AGENTS=60]
# Call set-up (issue 4) in one run: a direct dial into the queue race-test (AMI Originate of
# Local/q-race-test@dataivr-customer) against a consultation session's voice request through the
# adapter (the SDK chooses the voice item, the "app" dials the voice link Local/vr-…@dataivr-customer:
# voice-link AGI, then the same queue), both until the agent rings (AgentCalled's timestamp). SINGLE
# calls one at a time per path, then ROUNDS rounds of CONCURRENT at once per path, alternating paths;
# AGENTS Local-channel agents (dataivr-test-agents) kept by the adapter, which runs as in production: in a
# JVM and session of its own (JVM options: ADAPTER_JVM_OPTIONS, none by default), serving the dialplan's
# FastAGI port, while the benchmark's JVM plays the apps. WARMUP (default 2) untimed rounds of CONCURRENT
# calls of each path come first. Prints p50/p99 of each path, the ratio, the ms the adapter adds, and each
# process's CPU per call from the first request to the last ring (CallSetupBenchmark). Runs through
# ./dataivr test, so under the machine-wide test lock.
set -euo pipefail
cd "$(dirname "$0")/.."
single="${1:-100}" concurrent="${2:-50}" rounds="${3:-10}" agents="${4:-60}" warmup="${WARMUP:-2}"
if (( agents < concurrent )); then
  echo "AGENTS ($agents) must be at least CONCURRENT ($concurrent): every call should find an idle agent" >&2
  exit 2
fi
log="$(mktemp /tmp/dataivr-call-setup.XXXXXX)"
trap 'rm -f "$log"' EXIT
./dataivr test -pl adapter -am -Dtest=CallSetupBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddataivr.setup.single="$single" -Ddataivr.setup.concurrent="$concurrent" -Ddataivr.setup.rounds="$rounds" \
  -Ddataivr.setup.agents="$agents" -Ddataivr.setup.warmup="$warmup" \
  "-Ddataivr.setup.adapter-jvm-options=${ADAPTER_JVM_OPTIONS:-}" >"$log" 2>&1 ||
  { tail -60 "$log"; exit 1; }
grep -h '^setup:' adapter/target/surefire-reports/io.dataivr.voice.CallSetupBenchmark-output.txt
echo "command: WARMUP=$warmup${ADAPTER_JVM_OPTIONS:+ ADAPTER_JVM_OPTIONS=\"$ADAPTER_JVM_OPTIONS\"} bench/call-setup.sh $single $concurrent $rounds $agents"
