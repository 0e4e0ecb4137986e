package io.dataivr.session.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.call.ChannelId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueueWaitTrackerTests {

    private final QueueWaitTracker waits = new QueueWaitTracker();

    @Test
    void callersMoveUpWhenSomeoneAheadLeaves() {
        waits.joined("q", new ChannelId("c1"), 1);
        waits.joined("q", new ChannelId("c2"), 2);
        waits.joined("q", new ChannelId("c3"), 3);
        assertThat(waits.position("q", new ChannelId("c3"))).hasValue(3);

        waits.left("q", new ChannelId("c1"));

        assertThat(waits.position("q", new ChannelId("c2"))).hasValue(1);
        assertThat(waits.position("q", new ChannelId("c3"))).hasValue(2);
        assertThat(waits.position("q", new ChannelId("c1"))).isEmpty();
    }

    @Test
    void theEstimateGrowsWithThePositionShrinksWithMoreAgentsAndFollowsRecentTalkTimes() {
        assertThat(waits.estimatedWaitSeconds("q", 2, 1)).isEqualTo(120);
        assertThat(waits.estimatedWaitSeconds("q", 2, 4)).isEqualTo(30);
        assertThat(waits.estimatedWaitSeconds("q", 1, 0)).as("nobody serves the queue").isNull();

        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        waits.talkStarted(new ChannelId("c1"), start);
        waits.talkEnded("q", new ChannelId("c1"), start.plusSeconds(10));

        assertThat(waits.estimatedWaitSeconds("q", 1, 1)).isEqualTo(10);
    }
}
