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
}
