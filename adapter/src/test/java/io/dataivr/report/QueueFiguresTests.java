package io.dataivr.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueueFiguresTests {

    static final Instant T = Instant.parse("2026-12-05T09:00:00Z");
    static final Duration LEVEL = Duration.ofSeconds(20);

    /** A call requested at T + {@code at} s, answered after {@code wait} s (null: never), ended {@code talk} s later. */
    static CallRecord call(String queue, int at, Integer wait, Integer talk, String outcome) {
        Instant requested = T.plusSeconds(at);
        Instant answered = wait == null ? null : requested.plusSeconds(wait);
        Instant ended = talk == null ? null : (answered != null ? answered : requested).plusSeconds(talk);
        return new CallRecord("vr-" + at, UUID.randomUUID(), "client-" + at, queue, CallOrigin.APP, requested,
                answered, answered, ended, answered == null ? null : "agent1", outcome);
    }

    @Test
    void theServiceLevelIsTheShareOfSettledCallsAnsweredWithinTheThreshold() {
        List<CallRecord> calls = List.of(
                call("support", 0, 5, 60, "completed by caller"),     // within
                call("support", 10, 20, 120, "completed by agent"),   // within: exactly the threshold
                call("support", 20, 21, 30, "completed by caller"),   // late
                call("support", 30, null, 40, "abandoned"),           // abandoned after 40 s
                call("support", 40, null, null, null),                // still waiting: not settled
                call("support", 50, null, 0, "cancelled"),            // never reached the queue
                call("sales", 60, 1, 10, "completed by caller"));     // another queue
        QueueFigures f = QueueFigures.of("support", calls, LEVEL);

        assertThat(f.offered()).isEqualTo(5);
        assertThat(f.answered()).isEqualTo(3);
        assertThat(f.abandoned()).isEqualTo(1);
        assertThat(f.serviceLevel()).isCloseTo(2.0 / 4, within(1e-9));
        assertThat(f.averageWait()).isEqualTo(Duration.ofMillis((5 + 20 + 21) * 1000 / 3));
        assertThat(f.longestWait()).as("the abandoned call waited longest").isEqualTo(Duration.ofSeconds(40));
        assertThat(f.averageHandle()).isEqualTo(Duration.ofSeconds((60 + 120 + 30) / 3));
    }

    @Test
    void aCallHungUpBeforeAnAnswerIsAbandonedAndATalkingCallCountsForTheWaitButNotTheHandleTime() {
        List<CallRecord> calls = List.of(call("support", 0, null, 3, "caller hung up"),
                call("support", 5, 8, null, null));
        QueueFigures f = QueueFigures.of("support", calls, LEVEL);

        assertThat(f.offered()).isEqualTo(2);
        assertThat(f.abandoned()).isEqualTo(1);
        assertThat(f.answered()).isEqualTo(1);
        assertThat(f.averageWait()).isEqualTo(Duration.ofSeconds(8));
        assertThat(f.averageHandle()).as("not ended yet").isNull();
        assertThat(f.serviceLevel()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aQueueWithoutCallsHasNoAveragesAndNoServiceLevelRatherThanZeros() {
        QueueFigures f = QueueFigures.of("support", List.of(call("support", 0, null, 0, "cancelled")), LEVEL);

        assertThat(f).isEqualTo(QueueFigures.empty("support"));
        assertThat(f.serviceLevel()).isNull();
        assertThat(f.averageWait()).isNull();
    }

    @Test
    void aTimeOutOfTheQueueIsSettledWithoutAnAnswerAndNotAbandoned() {
        QueueFigures f = QueueFigures.of("support", List.of(call("support", 0, null, 300, "ended-while-ami-down")), LEVEL);

        assertThat(f.abandoned()).isZero();
        assertThat(f.serviceLevel()).isZero();
        assertThat(f.longestWait()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void containmentIsTheShareOfTheDaysSessionsThatEndedWithoutAskingForAnAgent() {
        assertThat(new SessionCounts(8, 6, 5).containment()).isCloseTo(5.0 / 8, within(1e-9));
        assertThat(SessionCounts.NONE.containment()).isNull();
    }
}
