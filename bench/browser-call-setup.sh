#!/usr/bin/env bash
# bench/browser-call-setup.sh [CALLS=20] [COLD_LOADS=5]
# Issue 14, "Measure": tap on "talk to an agent" -> the agent's desk phone rings, the customer page /app/ in
# Chromium (WebRTC, in a network namespace of the test's own) against the Java SDK with a baresip phone
# (device account registered ahead), CALLS calls each, alternating, on one adapter, Asterisk and agent
# phone; the page's gzipped weight, time to first menu on cold loads (a new browser profile each) and
# Chromium's CPU during a call (BrowserCallSetupBenchmark). Runs through ./dataivr test, so under the
# machine-wide test lock.
set -euo pipefail
cd "$(dirname "$0")/.."
calls="${1:-20}" cold="${2:-5}"
log="$(mktemp /tmp/dataivr-browser-call-setup.XXXXXX)"
trap 'rm -f "$log"' EXIT
./dataivr test -pl adapter -am -Dtest=BrowserCallSetupBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddataivr.browser.calls="$calls" -Ddataivr.browser.cold-loads="$cold" >"$log" 2>&1 ||
  { tail -60 "$log"; exit 1; }
grep -h '^browsersetup:' adapter/target/surefire-reports/io.dataivr.api.http.page.BrowserCallSetupBenchmark-output.txt
echo "command: bench/browser-call-setup.sh $calls $cold"
