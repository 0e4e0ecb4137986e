package io.dataivr.session.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.call.CallInProgress;
import io.dataivr.call.CallOutcome;
import io.dataivr.call.ChannelId;
import io.dataivr.call.HungUpBy;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.fixtures.InMemoryMenuStore;
import io.dataivr.fixtures.InMemoryUsedTokenStore;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.fixtures.RecordingSessionStore;
import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuService;
import io.dataivr.session.CallEnd;
import io.dataivr.session.CallState;
import io.dataivr.session.ExpiredSessions;
import io.dataivr.session.MenuLevel;
import io.dataivr.session.RecoveredCall;
import io.dataivr.session.SessionProperties;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.VoiceRequest;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.consult.ConnectionlessSessions;
import io.dataivr.session.consult.ConsultRequest;
import io.dataivr.session.consult.SessionService;
import io.dataivr.session.resume.SessionResumption;
import io.dataivr.session.token.SessionTokens;
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
    private final SessionResumption resumption = new SessionResumption(registry, sessions, Duration.ofMinutes(2),
            clock);
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

    private final byte[][] keptHash = new byte[1][];

    /** A database that holds {@code call} (null: nothing) and has nothing left open to close. */
    private static RecoverableCalls found(RecoveredCall call) {
        return new RecoverableCalls() {
            @Override
            public Optional<RecoveredCall> ofRequest(String requestId) {
                return Optional.ofNullable(call);
            }

            @Override
            public ClosedWhileDown closeEndedWhileDown(java.util.Set<String> liveRequests,
                    java.util.Set<ChannelId> liveChannels, java.util.Set<UUID> heldSessions, Instant before,
                    CallOutcome outcome, Instant at) {
                return new ClosedWhileDown(List.of(), List.of());
            }
        };
    }

    private static String code(Runnable action) {
        try {
            action.run();
            return "none";
        } catch (io.dataivr.system.DomainException e) {
            return e.code();
        }
    }

    private RecoveredCall stored(UUID sessionId) {
        return new RecoveredCall(new VoiceRequest("vr-1", sessionId, "support", "0", clock.instant()), new ChannelId("chan-1"),
                null, menu.id(), menu.version(), "en", "app", clock.instant(), null, 3, 1, 1, List.of(), null);
    }

    @Test
    void aRestSessionRestoredWithItsCallAnswersItsOwnSecretOnlyAndIsNotResumableOverTheWebSocket() {
        ExpiredSessions expired = new ExpiredSessions(clock);
        ConnectionlessSessions before = new ConnectionlessSessions(sessions, expired, Duration.ofMinutes(30),
                (id, hash) -> keptHash[0] = hash, clock);
        ConnectionlessSessions.Opened opened = before.start(new ConsultRequest("telecom", "en", null, null, "app"));
        UUID sessionId = opened.session().id();
        registry.remove(sessionId); // the old process died with it
        RecoveredCall stored = new RecoveredCall(new VoiceRequest("vr-1", sessionId, "support", "0", clock.instant()),
                new ChannelId("chan-1"), null, menu.id(), menu.version(), "en", "app", clock.instant(), null, 1, 0, 1, List.of(),
                null, keptHash[0]);
        ConnectionlessSessions after = new ConnectionlessSessions(sessions, expired, Duration.ofMinutes(30), clock);
        SessionRecovery recovery = new SessionRecovery(found(stored), menus, registry, calls, resumption,
                after::restored, clock);

        recovery.recover(List.of(new CallInProgress("support", new ChannelId("chan-1"), "agent2", true, "vr-1")));

        assertThat(after.level(sessionId, opened.secret()).path()).isEmpty();
        assertThat(code(() -> after.level(sessionId, "not-its-secret"))).isEqualTo("SESSION_NOT_FOUND");
        assertThat(code(() -> after.level(sessionId, null))).isEqualTo("SESSION_SECRET_REQUIRED");
        assertThat(code(() -> resumption.resume(sessionId + "." + opened.secret()))).isEqualTo("SESSION_NOT_FOUND");
    }

    @Test
    void aSessionLostWithTheOldProcessIsRestoredForItsCallAndEndsWhenTheCallEnds() {
        UUID sessionId = UUID.randomUUID();
        SessionRecovery recovery = new SessionRecovery(found(stored(sessionId)), menus, registry, calls, resumption, clock);
        List<CallInProgress> inAsterisk = List.of(new CallInProgress("support", new ChannelId("chan-1"), "agent2", true, "vr-1"));

        assertThat(recovery.recover(inAsterisk)).isEqualTo(1);
        assertThat(recovery.recover(inAsterisk)).as("a second (re)connect links nothing twice").isZero();
        assertThat(registry.find(sessionId).orElseThrow().call())
                .isEqualTo(new CallState.Talking(stored(sessionId).request(), new ChannelId("chan-1"), "agent2"));

        calls.on(new QueueCallEvent.AgentHungUp("support", new ChannelId("chan-1"), "agent2", HungUpBy.CALLER));

        assertThat(registry.find(sessionId)).isEmpty();
        assertThat(store.ended).singleElement().satisfies(end -> {
            assertThat(end.sessionId()).isEqualTo(sessionId);
            assertThat(end.reason()).isEqualTo("call-ended-after-restart");
            assertThat(List.of(end.itemsChosen(), end.contentsSent(), end.voiceCalls())).containsExactly(3, 1, 1);
        });
    }

    @Test
    void aRestoredSessionIsAtItsStoredLevelOfItsMenuVersionAndItsAppResumesItWithItsToken() {
        Menu v1 = menus.importFile("""
                menu: place
                languages: [en]
                title: {en: Place v1}
                items:
                  - key: "2"
                    label: Plans
                    items:
                      - key: "0"
                        label: Plans agent
                        voice: support
                """.getBytes(StandardCharsets.UTF_8));
        menus.importFile("""
                menu: place
                languages: [en]
                title: {en: Place v2}
                items:
                  - key: "9"
                    label: Only in v2
                    content: v2
                """.getBytes(StandardCharsets.UTF_8));
        UUID sessionId = UUID.randomUUID();
        SessionResumption before = new SessionResumption(registry, sessions, Duration.ofMinutes(2),
                new ExpiredSessions(clock), (id, hash) -> keptHash[0] = hash, clock);
        String resumeToken = before.issue(sessionId);
        RecoveredCall stored = new RecoveredCall(new VoiceRequest("vr-2", sessionId, "support", "2/0",
                clock.instant()), new ChannelId("chan-2"), null, "place", v1.version(), "en", "app", clock.instant(), null, 2, 0, 1,
                List.of("2"), keptHash[0]);
        SessionRecovery recovery = new SessionRecovery(found(stored), menus, registry, calls, resumption, clock);

        recovery.recover(List.of(new CallInProgress("support", new ChannelId("chan-2"), "agent1", true, "vr-2")));
        SessionResumption.Resumed resumed = resumption.resume(resumeToken);

        assertThat(resumed.level().path()).containsExactly("2");
        assertThat(resumed.level().version()).isEqualTo(v1.version());
        assertThat(resumed.level().items()).extracting(MenuLevel.Entry::label).containsExactly("Plans agent");
        assertThat(resumed.session().call()).isInstanceOf(CallState.Talking.class);
        // resumed, the session outlives its call like any other
        calls.on(new QueueCallEvent.AgentHungUp("support", new ChannelId("chan-2"), "agent1", HungUpBy.AGENT));
        assertThat(registry.find(sessionId)).hasValueSatisfying(s -> {
            assertThat(s.call()).isInstanceOfSatisfying(CallState.Ended.class, ended -> assertThat(ended.end())
                    .isEqualTo(CallEnd.of(CallEnd.By.AGENT, CallEnd.Reason.COMPLETED)));
            assertThat(s.inCall()).isFalse();
            assertThat(s.path()).containsExactly("2");
        });
        assertThat(store.ended).isEmpty();
    }

    @Test
    void aStoredLevelTheMenuVersionDoesNotHaveRestoresAtTheTopAndNoStoredHashMeansNoResume() {
        UUID sessionId = UUID.randomUUID();
        RecoveredCall stored = new RecoveredCall(new VoiceRequest("vr-3", sessionId, "support", "0", clock.instant()),
                new ChannelId("chan-3"), null, menu.id(), menu.version(), "en", "app", clock.instant(), null, 1, 0, 1,
                List.of("7", "1"), null);
        SessionRecovery recovery = new SessionRecovery(found(stored), menus, registry, calls, resumption, clock);

        recovery.recover(List.of(new CallInProgress("support", new ChannelId("chan-3"), "agent1", true, "vr-3")));

        assertThat(registry.find(sessionId).orElseThrow().path()).isEmpty();
        assertThat(code(() -> resumption.resume(sessionId + ".anything"))).isEqualTo("SESSION_NOT_FOUND");
    }

    @Test
    void aSessionThisProcessStillHasKeepsGoingAfterItsCallEnds() {
        UUID sessionId = sessions.start(null, "en", "app").session().id();
        SessionRecovery recovery = new SessionRecovery(found(stored(sessionId)), menus, registry, calls, resumption, clock);

        recovery.recover(List.of(new CallInProgress("support", new ChannelId("chan-1"), "agent2", true, "vr-1")));
        calls.on(new QueueCallEvent.AgentHungUp("support", new ChannelId("chan-1"), "agent2", HungUpBy.AGENT));

        assertThat(registry.find(sessionId)).hasValueSatisfying(s -> assertThat(s.call())
                .isEqualTo(new CallState.Ended(stored(sessionId).request(),
                        CallEnd.of(CallEnd.By.AGENT, CallEnd.Reason.COMPLETED))));
        assertThat(store.ended).isEmpty();
    }

    @Test
    void callsWithoutAVoiceRequestOrUnknownToTheDatabaseAreLeftAlone() {
        SessionRecovery recovery = new SessionRecovery(found(null), menus, registry, calls, resumption, clock);

        assertThat(recovery.recover(List.of(new CallInProgress("support", new ChannelId("chan-1"), "agent2", true, null),
                new CallInProgress("support", new ChannelId("chan-2"), "agent3", true, "vr-unknown")))).isZero();
        assertThat(registry.size()).isZero();
    }
}
