package io.dataivr.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.session.BrowsingStep;
import io.dataivr.session.CallState;
import io.dataivr.session.ConsultationSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SessionMetrics metrics = new SessionMetrics(registry);

    @Test
    void aSessionIsContainedUnlessItAskedForAnAgent() {
        ConsultationSession browsed = session();
        metrics.chose(browsed, step("content"));
        metrics.chose(browsed, step("submenu"));
        metrics.ended(browsed.id());

        ConsultationSession asked = session();
        metrics.chose(asked, step("voice"));
        metrics.ended(asked.id());

        ConsultationSession restoredWithItsCall = session();
        metrics.callChanged(restoredWithItsCall, new CallState.NoCall());
        metrics.ended(restoredWithItsCall.id());

        assertThat(ended(true)).isEqualTo(1);
        assertThat(ended(false)).isEqualTo(2);
        assertThat(metrics.remembered()).as("nothing kept for ended sessions").isZero();
    }

    @Test
    void theOpenSessionsAreCountedByTheChannelTheyWereOpenedOn() {
        AtomicInteger open = new AtomicInteger(5);
        AtomicInteger rest = new AtomicInteger(2);
        new IpChannelMetrics(open::get, rest::get).bindTo(registry);
        assertThat(sessions("ws")).isEqualTo(3);
        assertThat(sessions("rest")).isEqualTo(2);
        open.set(2);
        rest.set(2);
        assertThat(sessions("ws")).isZero();
    }

    private double ended(boolean contained) {
        return registry.get("dataivr.sessions.ended").tag("contained", Boolean.toString(contained)).counter().count();
    }

    private double sessions(String channel) {
        return registry.get("dataivr.ipchannel.sessions").tag("channel", channel).gauge().value();
    }

    private static ConsultationSession session() {
        return new ConsultationSession(UUID.randomUUID(), null, "en", "client", List.of(), new CallState.NoCall(), 0,
                0, 0, Instant.EPOCH);
    }

    private static BrowsingStep step(String kind) {
        return new BrowsingStep(List.of("1"), List.of("label"), kind, false, Instant.EPOCH);
    }
}
