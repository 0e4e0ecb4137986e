package io.dataivr.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.call.ChannelId;
import io.dataivr.call.HungUpBy;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.fixtures.MutableClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueueCallMetricsTests {

    private static final String Q = "support";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T08:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final QueueCallMetrics metrics = new QueueCallMetrics(registry, clock, List.of(Q, "sales"),
            MetricsProperties.defaults());

    @Test
    void anAnsweredCallIsOfferedWaitsIsAnsweredAndItsTalkTimeIsRecordedOnce() {
        metrics.on(new QueueCallEvent.CallerJoined(Q, ChannelId.of("c1"), 1));
        clock.advance(Duration.ofSeconds(12));
        assertThat(gauge("dataivr.queue.waiting.callers", Q)).isEqualTo(1);
        assertThat(gauge("dataivr.queue.longest.wait", Q)).isEqualTo(12.0);
        assertThat(gauge("dataivr.queue.waiting.callers", "sales")).isZero();

        metrics.on(new QueueCallEvent.AgentRinging(Q, ChannelId.of("c1"), "agent1"));
        clock.advance(Duration.ofSeconds(3));
        metrics.on(new QueueCallEvent.AgentAnswered(Q, ChannelId.of("c1"), "agent1"));
        metrics.on(new QueueCallEvent.CallerLeft(Q, ChannelId.of("c1"), 1));
        assertThat(gauge("dataivr.queue.waiting.callers", Q)).isZero();
        assertThat(gauge("dataivr.queue.longest.wait", Q)).isZero();
        assertThat(wait("answered").count()).isEqualTo(1);
        assertThat(wait("answered").totalTime(TimeUnit.SECONDS)).isEqualTo(15.0);

        clock.advance(Duration.ofSeconds(95));
        metrics.on(new QueueCallEvent.AgentHungUp(Q, ChannelId.of("c1"), "agent1", HungUpBy.AGENT));
        metrics.on(new QueueCallEvent.CallerHungUp(Q, ChannelId.of("c1")));
        assertThat(counter("dataivr.calls.offered")).isEqualTo(1);
        assertThat(counter("dataivr.calls.answered")).isEqualTo(1);
        assertThat(counter("dataivr.calls.abandoned")).isZero();
        Timer handle = registry.get("dataivr.call.handle").tag("queue", Q).timer();
        assertThat(handle.count()).isEqualTo(1);
        assertThat(handle.totalTime(TimeUnit.SECONDS)).isEqualTo(95.0);
        assertThat(metrics.followed()).isZero();
    }

    @Test
    void aCallerFoundWaitingAtTheStartIsInTheGaugesWithItsWaitButCountsAsNoCall() {
        metrics.on(new QueueCallEvent.CallerFound(Q, ChannelId.of("c0"), 1, clock.instant().minusSeconds(40)));
        assertThat(gauge("dataivr.queue.waiting.callers", Q)).isEqualTo(1);
        assertThat(gauge("dataivr.queue.longest.wait", Q)).isEqualTo(40.0);

        metrics.on(new QueueCallEvent.AgentAnswered(Q, ChannelId.of("c0"), "agent1"));
        metrics.on(new QueueCallEvent.CallerLeft(Q, ChannelId.of("c0"), 1));
        assertThat(gauge("dataivr.queue.waiting.callers", Q)).isZero();
        // Offered before this adapter ran: neither offered nor answered here, so offered >= answered + abandoned.
        assertThat(counter("dataivr.calls.offered")).isZero();
        assertThat(counter("dataivr.calls.answered")).isZero();
        assertThat(metrics.followed()).isZero();
    }

    @Test
    void aCallerWhoHangsUpWhileTalkingBeforeAgentCompleteIsCountedOnce() {
        metrics.on(new QueueCallEvent.CallerJoined(Q, ChannelId.of("c1"), 1));
        metrics.on(new QueueCallEvent.AgentAnswered(Q, ChannelId.of("c1"), "agent1"));
        metrics.on(new QueueCallEvent.CallerLeft(Q, ChannelId.of("c1"), 1));
        clock.advance(Duration.ofSeconds(40));
        metrics.on(new QueueCallEvent.CallerHungUp(Q, ChannelId.of("c1")));
        metrics.on(new QueueCallEvent.AgentHungUp(Q, ChannelId.of("c1"), "agent1", HungUpBy.CALLER));
        assertThat(registry.get("dataivr.call.handle").tag("queue", Q).timer().count()).isEqualTo(1);
        assertThat(counter("dataivr.calls.abandoned")).isZero();
    }

    @Test
    void aCallerWhoGivesUpIsAbandonedWithItsWaitAndNoTalkTime() {
        metrics.on(new QueueCallEvent.CallerJoined(Q, ChannelId.of("c1"), 1));
        metrics.on(new QueueCallEvent.CallerJoined(Q, ChannelId.of("c2"), 2));
        clock.advance(Duration.ofSeconds(30));
        metrics.on(new QueueCallEvent.CallerAbandoned(Q, ChannelId.of("c1")));
        metrics.on(new QueueCallEvent.CallerLeft(Q, ChannelId.of("c1"), 1));
        metrics.on(new QueueCallEvent.CallerHungUp(Q, ChannelId.of("c1")));
        assertThat(counter("dataivr.calls.abandoned")).isEqualTo(1);
        assertThat(wait("abandoned").count()).isEqualTo(1);
        assertThat(wait("abandoned").totalTime(TimeUnit.SECONDS)).isEqualTo(30.0);
        assertThat(wait("answered").count()).isZero();
        assertThat(registry.get("dataivr.call.handle").tag("queue", Q).timer().count()).isZero();
        assertThat(gauge("dataivr.queue.waiting.callers", Q)).isEqualTo(1);

        // c2's QueueCallerAbandon is lost: its hang-up while waiting is abandoned all the same.
        metrics.on(new QueueCallEvent.CallerHungUp(Q, ChannelId.of("c2")));
        assertThat(counter("dataivr.calls.abandoned")).isEqualTo(2);
        assertThat(gauge("dataivr.queue.waiting.callers", Q)).isZero();
    }

    @Test
    void aCallThatLeavesUnansweredAnotherWayIsOfferedOnly() {
        metrics.on(new QueueCallEvent.CallerJoined(Q, ChannelId.of("c1"), 1));
        clock.advance(Duration.ofSeconds(300));
        metrics.on(new QueueCallEvent.CallerLeft(Q, ChannelId.of("c1"), 1)); // the queue's timeout
        metrics.on(new QueueCallEvent.CallerHungUp(Q, ChannelId.of("c1")));
        assertThat(counter("dataivr.calls.offered")).isEqualTo(1);
        assertThat(counter("dataivr.calls.answered")).isZero();
        assertThat(counter("dataivr.calls.abandoned")).isZero();
        assertThat(metrics.followed()).isZero();
    }

    @Test
    void callsThatJoinedBeforeTheAdapterFollowedThemOrInOtherQueuesAreNotCounted() {
        metrics.on(new QueueCallEvent.AgentAnswered(Q, ChannelId.of("old"), "agent1"));
        metrics.on(new QueueCallEvent.AgentHungUp(Q, ChannelId.of("old"), "agent1", HungUpBy.AGENT));
        metrics.on(new QueueCallEvent.CallerAbandoned(Q, ChannelId.of("older")));
        metrics.on(new QueueCallEvent.CallerJoined("not-ours", ChannelId.of("c9"), 1));
        assertThat(counter("dataivr.calls.answered")).isZero();
        assertThat(counter("dataivr.calls.abandoned")).isZero();
        assertThat(registry.find("dataivr.calls.offered").tag("queue", "not-ours").counter()).isNull();
        assertThat(metrics.followed()).isZero();
    }

    @Test
    void callersWhoseEndWasLostAreForgottenOnceStale() {
        metrics.on(new QueueCallEvent.CallerJoined(Q, ChannelId.of("lost"), 1));
        clock.advance(QueueCallMetrics.STALE.plusMinutes(1));
        for (int i = 0; i <= QueueCallMetrics.PRUNE_ABOVE; i++) {
            metrics.on(new QueueCallEvent.CallerJoined(Q, ChannelId.of("c" + i), i + 1));
        }
        assertThat(metrics.followed()).isEqualTo(QueueCallMetrics.PRUNE_ABOVE + 1);
        assertThat(gauge("dataivr.queue.longest.wait", Q)).isZero();
    }

    @Test
    void prometheusSeesConventionalNamesInSecondsWithTheServiceLevelBucket() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        QueueCallMetrics scraped = new QueueCallMetrics(prometheus, clock, List.of(Q), MetricsProperties.defaults());
        scraped.on(new QueueCallEvent.CallerJoined(Q, ChannelId.of("c1"), 1));
        clock.advance(Duration.ofSeconds(18));
        scraped.on(new QueueCallEvent.AgentAnswered(Q, ChannelId.of("c1"), "agent1"));
        clock.advance(Duration.ofSeconds(60));
        scraped.on(new QueueCallEvent.AgentHungUp(Q, ChannelId.of("c1"), "agent1", HungUpBy.AGENT));
        String text = prometheus.scrape();
        assertThat(text).contains("dataivr_calls_offered_total{queue=\"support\"} 1.0",
                "dataivr_calls_answered_total{queue=\"support\"} 1.0",
                "dataivr_calls_abandoned_total{queue=\"support\"} 0.0",
                "dataivr_queue_waiting_callers{queue=\"support\"} 0.0",
                "dataivr_queue_longest_wait_seconds{queue=\"support\"} 0.0",
                "dataivr_call_wait_seconds_bucket{outcome=\"answered\",queue=\"support\",le=\"15.0\"} 0",
                "dataivr_call_wait_seconds_bucket{outcome=\"answered\",queue=\"support\",le=\"20.0\"} 1",
                "dataivr_call_wait_seconds_count{outcome=\"answered\",queue=\"support\"} 1",
                "dataivr_call_wait_seconds_sum{outcome=\"answered\",queue=\"support\"} 18.0",
                "dataivr_call_handle_seconds_bucket{queue=\"support\",le=\"60.0\"} 1",
                "dataivr_call_handle_seconds_count{queue=\"support\"} 1");
        prometheus.close();
    }

    private double gauge(String name, String queue) {
        return registry.get(name).tag("queue", queue).gauge().value();
    }

    private double counter(String name) {
        return registry.get(name).tag("queue", Q).counter().count();
    }

    private Timer wait(String outcome) {
        return registry.get("dataivr.call.wait").tags("queue", Q, "outcome", outcome).timer();
    }

}
