package io.dataivr.voice;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.asteriskjava.manager.event.ManagerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opt-in timings of the hang-up path ({@code dataivr.voice.event-timings=true}, for bench/voice-race.sh):
 * for each AgentComplete of a kept queue, Asterisk's timestamp, when asterisk-java's socket reader built
 * the event, when the adapter started handling it on the event thread and when it was done (the FIFO,
 * Asterisk and the Redis append sent); plus a count of the events the event session received, by type
 * (whether the AMI filter works). Samples are kept in memory by the event thread and written to the
 * log once a second by another thread ({@code ami-timing: ...} lines at INFO), so the measure costs the
 * event thread a few clock reads and no I/O. Off: nothing is recorded.
 */
final class EventTimings {

    private static final Logger log = LoggerFactory.getLogger(EventTimings.class);
    private static final int CAPACITY = 200_000;

    private final boolean on;
    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();
    /** Per sample: Asterisk's timestamp, reader built it (ms, as µs), handling started, handling done (µs). */
    private final long[] samples;
    private final String[] agents;
    private volatile int written;
    private int logged;

    EventTimings(boolean on) {
        this.on = on;
        this.samples = on ? new long[CAPACITY * 4] : new long[0];
        this.agents = on ? new String[CAPACITY] : new String[0];
    }

    boolean on() {
        return on;
    }

    /** Counts an event the event session received (only when on). */
    void count(ManagerEvent event) {
        if (on) {
            received.computeIfAbsent(event.getClass().getSimpleName(), k -> new LongAdder()).increment();
        }
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** One handled AgentComplete; called on the event thread only. */
    void handled(ManagerEvent event, String agent, long startMicros, long doneMicros) {
        int i = written;
        if (!on || i >= CAPACITY || event.getTimestamp() == null) {
            return;
        }
        samples[i * 4] = Math.round(event.getTimestamp() * 1e6);
        samples[i * 4 + 1] = event.getDateReceived() == null ? 0 : event.getDateReceived().getTime() * 1_000;
        samples[i * 4 + 2] = startMicros;
        samples[i * 4 + 3] = doneMicros;
        agents[i] = agent;
        written = i + 1; // volatile write: publishes the sample to the logging thread
    }

    /** Logs the samples recorded since the last call, and the event counts; called by one thread. */
    synchronized void logNew() {
        int upTo = written;
        if (!on || upTo == logged) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (int i = logged; i < upTo; i++) {
            lines.append("\nami-timing: ").append(agents[i]);
            for (int k = 0; k < 4; k++) {
                lines.append(' ').append(samples[i * 4 + k]);
            }
        }
        logged = upTo;
        Map<String, Long> counts = new TreeMap<>();
        received.forEach((type, n) -> counts.put(type, n.sum()));
        lines.append("\nami-timing-counts: ").append(counts);
        log.info("{} AgentComplete timings (Asterisk timestamp, read, handling, handled; µs):{}", upTo, lines);
    }
}
