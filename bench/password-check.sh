#!/usr/bin/env bash
# bench/password-check.sh [REQUESTS=20]
# An agent console polling GET /api/v1/agents/agent1 with HTTP Basic through the agent filter chain,
# the password stored as ./dataivr hash-password makes it (bcrypt, cost 12): every request checked
# against the hash (the baseline, dataivr.password-check.remember=0) against the password remembered
# after its first check (the default, 5m), in one run. Prints each one's p50/p99 and CPU per request
# (PasswordCheckBenchmark). Runs through ./dataivr test, so under the machine-wide test lock.
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-20}"
log="$(mktemp /tmp/dataivr-password-check.XXXXXX)"
trap 'rm -f "$log"' EXIT
./dataivr test -pl adapter -am -Dtest='PasswordCheckBenchmark*' -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddataivr.password-check.requests="$requests" >"$log" 2>&1 || { tail -60 "$log"; exit 1; }
grep -h '^password-check:' adapter/target/surefire-reports/io.dataivr.api.http.PasswordCheckBenchmark*-output.txt
echo "command: bench/password-check.sh $requests"
