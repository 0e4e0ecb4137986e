#!/usr/bin/env bash
# bench/sip-call-setup.sh [SINGLE=40] [CONCURRENT=10] [ROUNDS=10]
# Call set-up with real SIP phones (issue 13): baresip phones with digest authentication on every side,
# timed from the SIP packets themselves (tcpdump on lo). The baseline is a softphone (bphoneN,
# asterisk-config/test/pjsip-test.conf) dialling the queue race-test directly (q-race-test); against it,
# the app's path: a consultation session opened by the SDK with the app's phone got the device account with
# its session answer and the phone registered it then; the customer taps the voice item and the phone dials
# the one-time link (vr-…: written into AstDB by the adapter, checked and taken by the dialplan, then the
# same queue); and an app whose phone registers the account of the voice answer at the tap. The agents are
# 10 baresip desk phones (bagentN) kept in the queue by the adapter, which runs as in production, in a JVM
# of its own (ADAPTER_JVM_OPTIONS, none by default), warmed up first by 2000 untimed voice requests (its
# JIT compiles their path, as a running adapter's has) and WARM_UP_ROUNDS (30) untimed rounds of every
# path at CONCURRENT at once (it prints what the adapter's JIT still compiled during the timed calls); the
# timed calls then wait for a quiet machine (at most 30 s: the JIT and GC done with the warm-up). Prints,
# per load (1 at a time: SINGLE calls per path, alternating; CONCURRENT at once: ROUNDS rounds per path),
# INVITE -> the agent's incoming INVITE for each path and tap -> that INVITE for the app, with ratios and
# the ms added against the direct dial, how sure the run is of the target figures (95% intervals: paired
# rounds resampled), the SIP hops, and the adapter's answer to choose split from the
# capture, and the CPU each process used per call from the dials or taps until every agent rang
# (SipCallSetupBenchmark). A round whose baresip phone hangs (baresip 1.0.0 now and then stops
# answering its control commands) is run again with fresh phones, and counted. Runs through
# ./dataivr test, so under the machine-wide test lock.
set -euo pipefail
cd "$(dirname "$0")/.."
single="${1:-40}" concurrent="${2:-10}" rounds="${3:-10}"
if ((concurrent > 10)); then
  echo "CONCURRENT ($concurrent) must be at most 10: pjsip-test.conf has 10 agents and 10 softphones" >&2
  exit 2
fi
log="$(mktemp /tmp/dataivr-sip-call-setup.XXXXXX)"
trap 'rm -f "$log"' EXIT
./dataivr test -pl adapter -am -Dtest=SipCallSetupBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddataivr.sip.single="$single" -Ddataivr.sip.concurrent="$concurrent" -Ddataivr.sip.rounds="$rounds" \
  "-Ddataivr.sip.adapter-jvm-options=${ADAPTER_JVM_OPTIONS:-}" -Ddataivr.sip.warm-up-rounds="${WARM_UP_ROUNDS:-30}" \
  >"$log" 2>&1 ||
  { tail -60 "$log"; exit 1; }
grep -h '^sipsetup:' adapter/target/surefire-reports/io.dataivr.voice.SipCallSetupBenchmark-output.txt
echo "command: ${ADAPTER_JVM_OPTIONS:+ADAPTER_JVM_OPTIONS=\"$ADAPTER_JVM_OPTIONS\" }${WARM_UP_ROUNDS:+WARM_UP_ROUNDS=$WARM_UP_ROUNDS }bench/sip-call-setup.sh $single $concurrent $rounds"
