package io.dataivr.session.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.call.ChannelId;
import io.dataivr.fixtures.InMemoryUsedTokenStore;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.fixtures.SessionFixtures;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.VoiceRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which voice requests this adapter made: open ones, and closed ones for a while (a late call on their link). */
class IssuedRequestsTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T05:00:00Z"));
    private final SessionFixtures.Demo demo = SessionFixtures.demo(clock, new InMemoryUsedTokenStore(clock),
            (id, state) -> { }, channel -> { }, queue -> 1);

    @Test
    void aClaimedRequestIsThisAdaptersForTwoMinutesThenForgotten() {
        VoiceRequest claimed = asksForAnAgent();
        VoiceRequest open = asksForAnAgent();
        demo.calls().claim(claimed.id(), new ChannelId("chan-1"), null);

        clock.advance(VoiceRequests.REMEMBERED.minusSeconds(1));
        assertThat(demo.calls().issuedHere(claimed.id())).as("claimed 1 s short of the limit").isTrue();
        assertThat(demo.calls().issuedHere(open.id())).as("still open").isTrue();
        assertThat(demo.calls().issuedHere("vr-neverissuedhere")).isFalse();

        clock.advance(Duration.ofSeconds(2));
        assertThat(demo.calls().issuedHere(claimed.id())).as("claimed past the limit").isFalse();
        assertThat(demo.calls().issuedHere(open.id())).as("open requests are kept as long as they are open").isTrue();
    }

    private VoiceRequest asksForAnAgent() {
        UUID id = demo.sessions().start(null, "en", "app").session().id();
        return ((ChoiceOutcome.VoiceRequested) demo.sessions().choose(id, "0")).request();
    }
}
