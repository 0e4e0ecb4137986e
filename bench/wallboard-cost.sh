#!/usr/bin/env bash
# bench/wallboard-cost.sh [SECONDS=15] [WATCHERS=5]
# Issue 15's measure: the supervisor wallboard's cost with 200 agents and 100 waiting callers, as the adapter
# process's CPU per second, against the same load with nobody watching (WallboardCostBenchmark: the agent state
# machine, the queue call events and today's figures in-process; the frames encoded for WATCHERS watchers).
# Phases alternate (off, on, off, on), SECONDS each. Runs through ./dataivr test, so under the machine-wide
# test lock (it needs no Asterisk, but the lock keeps other runs from sharing its CPU).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
watchers="${2:-5}"
log="$(mktemp /tmp/dataivr-wallboard-cost.XXXXXX)"
trap 'rm -f "$log"' EXIT
./dataivr test -pl adapter -am -Dtest='WallboardCostBenchmark' -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddataivr.wallboard-cost.seconds="$seconds" -Ddataivr.wallboard-cost.watchers="$watchers" >"$log" 2>&1 \
  || { tail -60 "$log"; exit 1; }
grep -h '^wallboard-cost:' adapter/target/surefire-reports/io.dataivr.report.WallboardCostBenchmark-output.txt
echo "command: bench/wallboard-cost.sh $seconds $watchers"
