package io.dataivr.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueueWaitTrackerTests {

    private final QueueWaitTracker waits = new QueueWaitTracker();

    @Test
    void callersMoveUpWhenSomeoneAheadLeaves() {
        waits.joined("q", "c1", 1);
        waits.joined("q", "c2", 2);
        waits.joined("q", "c3", 3);
        assertThat(waits.position("q", "c3")).hasValue(3);

        waits.left("q", "c1");

        assertThat(waits.position("q", "c2")).hasValue(1);
        assertThat(waits.position("q", "c3")).hasValue(2);
        assertThat(waits.position("q", "c1")).isEmpty();
    }

    @Test
    void theEstimateGrowsWithThePositionShrinksWithMoreAgentsAndFollowsRecentTalkTimes() {
        assertThat(waits.estimatedWaitSeconds("q", 2, 1)).isEqualTo(120);
        assertThat(waits.estimatedWaitSeconds("q", 2, 4)).isEqualTo(30);
        assertThat(waits.estimatedWaitSeconds("q", 1, 0)).as("nobody serves the queue").isNull();

        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        waits.talkStarted("c1", start);
        waits.talkEnded("q", "c1", start.plusSeconds(10));

        assertThat(waits.estimatedWaitSeconds("q", 1, 1)).isEqualTo(10);
    }
}
