package io.dataivr.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.agent.CallInProgress;
import io.dataivr.agent.QueueCallEvent;
import io.dataivr.fixtures.InMemoryMenuStore;
import io.dataivr.fixtures.InMemoryUsedTokenStore;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.fixtures.RecordingSessionStore;
import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** After a restart, a call Asterisk still holds is linked to its session again and closes it when it ends. */
class SessionRecoveryTests {

    private static final String SECRET = "session-recovery-tests-secret-0123456789";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T06:00:00Z"));
    private final SessionProperties properties = new SessionProperties("telecom", "sip:{request}@127.0.0.1", SECRET,
            true, Duration.ofHours(24), Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofMinutes(30));
    private final RecordingSessionStore store = new RecordingSessionStore();
    private final SessionRegistry registry = new SessionRegistry();
    private final MenuService menus = new MenuService(new InMemoryMenuStore());
    private final VoiceCallService calls = new VoiceCallService(registry, store, (id, state) -> { }, properties, clock);
    private final SessionService sessions = new SessionService(menus, registry, store, calls, properties,
            new SessionTokens(SECRET, Duration.ofHours(24), new InMemoryUsedTokenStore(clock), clock), clock);
    private final Menu menu = menus.importFile("""
            menu: telecom
            languages: [en]
            title: {en: Telecom}
            items:
              - key: "0"
                label: Agent
                voice: support
            """.getBytes(StandardCharsets.UTF_8));

    SessionRecoveryTests() {
        calls.whenRestoredCallEnds(id -> sessions.end(id, "call-ended-after-restart"));
    }

    private RecoveredCall stored(UUID sessionId) {
        return new RecoveredCall(new VoiceRequest("vr-1", sessionId, "support", "0", clock.instant()), "chan-1",
                null, menu.id(), menu.version(), "en", "app", clock.instant(), null, 3, 1, 1);
    }

    @Test
    void aSessionLostWithTheOldProcessIsRestoredForItsCallAndEndsWhenTheCallEnds() {
        UUID sessionId = UUID.randomUUID();
        SessionRecovery recovery = new SessionRecovery(id -> Optional.of(stored(sessionId)), menus, registry, calls);
        List<CallInProgress> inAsterisk = List.of(new CallInProgress("support", "chan-1", "agent2", true, "vr-1"));

        assertThat(recovery.recover(inAsterisk)).isEqualTo(1);
        assertThat(recovery.recover(inAsterisk)).as("a second (re)connect links nothing twice").isZero();
        assertThat(registry.find(sessionId).orElseThrow().call())
                .isEqualTo(new CallState.Talking(stored(sessionId).request(), "chan-1", "agent2"));

        calls.on(new QueueCallEvent.AgentHungUp("support", "chan-1", "agent2", "caller"));

        assertThat(registry.find(sessionId)).isEmpty();
        assertThat(store.ended).singleElement().satisfies(end -> {
            assertThat(end.sessionId()).isEqualTo(sessionId);
            assertThat(end.reason()).isEqualTo("call-ended-after-restart");
            assertThat(List.of(end.itemsChosen(), end.contentsSent(), end.voiceCalls())).containsExactly(3, 1, 1);
        });
    }

    @Test
    void aSessionThisProcessStillHasKeepsGoingAfterItsCallEnds() {
        UUID sessionId = sessions.start(null, "en", "app").session().id();
        SessionRecovery recovery = new SessionRecovery(id -> Optional.of(stored(sessionId)), menus, registry, calls);

        recovery.recover(List.of(new CallInProgress("support", "chan-1", "agent2", true, "vr-1")));
        calls.on(new QueueCallEvent.AgentHungUp("support", "chan-1", "agent2", "agent"));

        assertThat(registry.find(sessionId)).hasValueSatisfying(s -> assertThat(s.call()).isEqualTo(new CallState.NoCall()));
        assertThat(store.ended).isEmpty();
    }

    @Test
    void callsWithoutAVoiceRequestOrUnknownToTheDatabaseAreLeftAlone() {
        SessionRecovery recovery = new SessionRecovery(id -> Optional.empty(), menus, registry, calls);

        assertThat(recovery.recover(List.of(new CallInProgress("support", "chan-1", "agent2", true, null),
                new CallInProgress("support", "chan-2", "agent3", true, "vr-unknown")))).isZero();
        assertThat(registry.size()).isZero();
    }
}
