package io.dataivr.voice;

/**
 * The call set-up benchmark's correctness half, at a size the suite can afford: with the adapter in a
 * JVM of its own and 12 idle agents, 2 calls one at a time and 2 rounds of 10 calls at once of each path
 * (a direct dial, a new session's voice request, a session's second one) all ring an agent, no Originate
 * fails and every voice request gets its link. Its timings are printed, not judged (docs/benchmarks.md
 * has those, from {@code bench/call-setup.sh}).
 */
class ConcurrentCallSetupIntegrationTests extends CallSetupBenchmark {

    ConcurrentCallSetupIntegrationTests() {
        super(new Scale(12, 2, 10, 2, 0));
    }
}
