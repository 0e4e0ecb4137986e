#!/usr/bin/env bash
# bench/agent-console.sh [CALLS=40]
# Issue 15's Measure: Asterisk's ring event (AMI AgentCalled) to the agent console receiving the screen pop
# (/ws/v1/agent, state ringing, the caller), with 50 consoles open, against the same event to the adapter's
# own agent state turning RINGING (the baseline, same run). A real baresip desk phone rings; the customers are
# app sessions whose voice link a Local channel dials. Prints p50/p99 (AgentConsoleBenchmark). Runs through
# ./dataivr test, so under the machine-wide test lock.
set -euo pipefail
cd "$(dirname "$0")/.."
calls="${1:-40}"
log="$(mktemp /tmp/dataivr-agent-console.XXXXXX)"
trap 'rm -f "$log"' EXIT
./dataivr test -pl adapter -am -Dtest=AgentConsoleBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddataivr.console-bench.calls="$calls" >"$log" 2>&1 || { tail -60 "$log"; exit 1; }
grep -h '^agent-console:' adapter/target/surefire-reports/io.dataivr.console.AgentConsoleBenchmark-output.txt
echo "command: bench/agent-console.sh $calls"
