package io.dataivr.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaitingCallersTests {

    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");

    @Test
    void callersWhoseEndWasLostAreForgottenOnceAsteriskNoLongerHasThem() {
        WaitingCallers waiting = new WaitingCallers();
        waiting.on(new QueueCallEvent.CallerJoined("support", new ChannelId("gone"), 1), T0);
        waiting.on(new QueueCallEvent.CallerJoined("support", new ChannelId("still-there"), 2), T0.plusSeconds(1));
        waiting.on(new QueueCallEvent.CallerJoined("billing", new ChannelId("joined-after-the-read"), 1),
                T0.plusSeconds(10));

        boolean changed = waiting.forgetAbsent(Set.of(new ChannelId("still-there")), T0.plusSeconds(5));

        assertThat(changed).isTrue();
        assertThat(waiting.in("support")).extracting(WaitingCallers.Waiting::channel)
                .containsExactly(new ChannelId("still-there"));
        assertThat(waiting.in("billing")).as("joined after Asterisk was read: kept").hasSize(1);
        assertThat(waiting.count()).isEqualTo(2);
        assertThat(waiting.forgetAbsent(Set.of(new ChannelId("still-there")), T0.plusSeconds(5))).isFalse();
    }

    @Test
    void callersFoundWaitingAtAReconnectTakeTheirPlaceByTheTimeTheyJoinedAndKnownOnesKeepTheirs() {
        WaitingCallers waiting = new WaitingCallers();
        waiting.on(new QueueCallEvent.CallerJoined("support", new ChannelId("seen-joining"), 1), T0.plusSeconds(30));

        // Read from Asterisk at the reconnect, first in line first: one joined before the adapter started, one
        // during the outage after the one it saw, and the one it saw (Asterisk's whole seconds: its time stays).
        boolean before = waiting.on(new QueueCallEvent.CallerFound("support", new ChannelId("before-the-start"), 1,
                T0), T0.plusSeconds(60));
        boolean seen = waiting.on(new QueueCallEvent.CallerFound("support", new ChannelId("seen-joining"), 2,
                T0.plusSeconds(29)), T0.plusSeconds(60));
        boolean during = waiting.on(new QueueCallEvent.CallerFound("support", new ChannelId("during-the-outage"), 3,
                T0.plusSeconds(45)), T0.plusSeconds(60));

        assertThat(before).isTrue();
        assertThat(seen).as("already known: nothing changes").isFalse();
        assertThat(during).isTrue();
        assertThat(waiting.in("support")).extracting(WaitingCallers.Waiting::channel).containsExactly(
                new ChannelId("before-the-start"), new ChannelId("seen-joining"), new ChannelId("during-the-outage"));
        assertThat(waiting.in("support")).extracting(WaitingCallers.Waiting::since)
                .containsExactly(T0, T0.plusSeconds(30), T0.plusSeconds(45));
        assertThat(waiting.count()).isEqualTo(3);
        assertThat(waiting.longestSince("support")).isEqualTo(T0);

        // A found caller leaves like any other.
        assertThat(waiting.on(new QueueCallEvent.AgentAnswered("support", new ChannelId("before-the-start"), "agent1"),
                T0.plusSeconds(70))).isTrue();
        assertThat(waiting.count()).isEqualTo(2);
        assertThat(waiting.longestSince("support")).isEqualTo(T0.plusSeconds(30));
    }
}
