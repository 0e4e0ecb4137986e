package io.dataivr.metrics;

import io.dataivr.session.BrowsingStep;
import io.dataivr.session.CallState;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.SessionActivityListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Self-service containment: each session that ends is counted as contained (it never asked for an
 * agent: no voice item chosen, no call) or not, in {@code dataivr_sessions_ended_total{contained}}; the
 * containment ratio is the contained share of that counter's rate. Told by the session feature as an
 * activity listener; remembers only the open sessions that asked for an agent.
 */
public final class SessionMetrics implements SessionActivityListener {

    private static final String VOICE = "voice";

    private final Set<UUID> askedForAgent = ConcurrentHashMap.newKeySet();
    private final Counter contained;
    private final Counter notContained;

    public SessionMetrics(MeterRegistry registry) {
        contained = ended(registry, true);
        notContained = ended(registry, false);
    }

    private static Counter ended(MeterRegistry registry, boolean contained) {
        return Counter.builder("dataivr.sessions.ended").tag("contained", Boolean.toString(contained))
                .description("Consultation sessions ended; contained=true: without asking for an agent")
                .register(registry);
    }

    @Override
    public void chose(ConsultationSession session, BrowsingStep step) {
        if (VOICE.equals(step.kind())) {
            askedForAgent.add(session.id());
        }
    }

    @Override
    public void callChanged(ConsultationSession session, CallState state) {
        askedForAgent.add(session.id()); // also a call restored after a restart
    }

    @Override
    public void ended(UUID sessionId) {
        (askedForAgent.remove(sessionId) ? notContained : contained).increment();
    }

    /** Open sessions remembered as having asked for an agent. */
    int remembered() {
        return askedForAgent.size();
    }
}
