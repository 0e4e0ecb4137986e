package io.dataivr.session.consult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataivr.call.ChannelId;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.fixtures.InMemoryMenuStore;
import io.dataivr.fixtures.InMemorySipAccountStore;
import io.dataivr.fixtures.InMemoryUsedTokenStore;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.fixtures.RecordingSessionStore;
import io.dataivr.fixtures.SessionFixtures;
import io.dataivr.menu.MenuService;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.ExpiredSessions;
import io.dataivr.session.NoSuchSession;
import io.dataivr.session.SessionActivityListener;
import io.dataivr.session.SessionProperties;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.device.DeviceAccountService;
import io.dataivr.session.device.SipProperties;
import io.dataivr.session.resume.SessionResumption;
import io.dataivr.session.token.SessionTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions opened over REST expire after the idle timeout without a request, with the same end as an
 * unresumed WebSocket session: end record, device account revoked, call hung up. The clock is moved
 * by hand; nothing sleeps.
 */
class ConnectionlessSessionsTests {

    private static final Duration IDLE = Duration.ofMinutes(30);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
    private final RecordingSessionStore store = new RecordingSessionStore();
    private final SessionRegistry registry = new SessionRegistry();
    private final InMemorySipAccountStore accounts = new InMemorySipAccountStore();
    private final List<String> hungUp = new CopyOnWriteArrayList<>();
    private final ExpiredSessions expired = new ExpiredSessions(clock);
    private VoiceCallService calls;
    private SessionService sessions;
    private ConnectionlessSessions rest;
    private SessionResumption resumption;

    @BeforeEach
    void setUp() throws Exception {
        SessionProperties properties = new SessionProperties("telecom", "sip:{request}@127.0.0.1",
                SessionFixtures.SECRET, true, Duration.ofHours(24), Duration.ofMinutes(2), Duration.ofSeconds(1),
                IDLE);
        MenuService menus = new MenuService(new InMemoryMenuStore());
        menus.importFile(Files.readAllBytes(Path.of(System.getenv().getOrDefault("DATAIVR_HOME", ".."),
                "menus", "telecom.yaml")));
        DeviceAccountService devices = new DeviceAccountService(accounts,
                new SipProperties("127.0.0.1", "sip:127.0.0.1:5060", "dev-", Duration.ofHours(2),
                        Duration.ofSeconds(30), 0, Duration.ofMinutes(10)), clock);
        SessionActivityListener none = SessionActivityListener.all(List.of());
        calls = new VoiceCallService(registry, store, (id, state) -> { }, properties, devices, none, clock,
                channel -> hungUp.add(channel.value()), queue -> 1);
        sessions = new SessionService(menus, registry, store, calls, devices, none, properties,
                new SessionTokens(properties.tokenSecret(), properties.tokenMaxLifetime(),
                        new InMemoryUsedTokenStore(clock), clock), clock);
        rest = new ConnectionlessSessions(sessions, expired, IDLE, clock);
        resumption = new SessionResumption(registry, sessions, properties.resumeGrace(), expired, clock);
    }

    @Test
    void eachRequestRestartsTheIdleTimeAndAnIdleSessionEndsAsExpired() {
        UUID id = start();
        clock.advance(IDLE.minusSeconds(1));
        rest.choose(id, secret, "2", null);
        clock.advance(IDLE.minusSeconds(1));
        assertThat(rest.expireIdle()).isEmpty();
        assertThat(rest.level(id, secret).path()).containsExactly("2");

        clock.advance(IDLE);
        assertThat(rest.expireIdle()).containsExactly(id);

        assertThat(store.ended).singleElement().satisfies(end -> {
            assertThat(end.sessionId()).isEqualTo(id);
            assertThat(end.reason()).isEqualTo("expired");
            assertThat(end.itemsChosen()).isEqualTo(1);
        });
        assertThat(registry.find(id)).isEmpty();
        assertThat(rest.tracked()).isZero();
    }

    @Test
    void everyRequestOnAnExpiredSessionGetsSessionExpired() {
        UUID id = start();
        clock.advance(IDLE);
        rest.expireIdle();

        assertThatThrownBy(() -> rest.level(id, secret)).hasFieldOrPropertyWithValue("code", "SESSION_EXPIRED");
        assertThatThrownBy(() -> rest.choose(id, secret, "1", null)).hasFieldOrPropertyWithValue("code",
                "SESSION_EXPIRED");
        assertThatThrownBy(() -> rest.back(id, secret)).hasFieldOrPropertyWithValue("code", "SESSION_EXPIRED");
        assertThatThrownBy(() -> rest.hangUp(id, secret)).hasFieldOrPropertyWithValue("code", "SESSION_EXPIRED");
        assertThatThrownBy(() -> rest.end(id, secret)).hasFieldOrPropertyWithValue("code", "SESSION_EXPIRED");
        assertThatThrownBy(() -> rest.level(UUID.randomUUID(), secret)).hasFieldOrPropertyWithValue("code",
                "SESSION_NOT_FOUND");
        assertThat(store.ended).hasSize(1);
    }

    @Test
    void aRequestThatFindsItsSessionOverdueExpiresItBeforeTheSweeperDoes() {
        UUID id = start();
        clock.advance(IDLE);

        assertThatThrownBy(() -> rest.choose(id, secret, "1", null)).hasFieldOrPropertyWithValue("code",
                "SESSION_EXPIRED");

        assertThat(store.ended).singleElement().satisfies(end -> assertThat(end.reason()).isEqualTo("expired"));
        assertThat(store.chosen).isEmpty();
        assertThat(rest.expireIdle()).isEmpty();
    }

    @Test
    void expiringDuringACallHangsItUpAndRevokesTheDeviceAccountLikeTheWebSocketPath() {
        UUID id = start();
        ChoiceOutcome.VoiceRequested voice = (ChoiceOutcome.VoiceRequested) rest.choose(id, secret, "0", null);
        calls.claim(voice.request().id(), new ChannelId("chan-7"), voice.account().username());
        calls.on(new QueueCallEvent.AgentAnswered("support", new ChannelId("chan-7"), "agent2"));
        assertThat(accounts.isLive(voice.account().username())).isTrue();

        clock.advance(IDLE);
        assertThat(rest.expireIdle()).containsExactly(id);

        assertThat(hungUp).containsExactly("chan-7");
        assertThat(accounts.isLive(voice.account().username())).isFalse();
        assertThat(store.ended).singleElement().satisfies(end -> {
            assertThat(end.reason()).isEqualTo("expired");
            assertThat(end.voiceCalls()).isEqualTo(1);
        });
    }

    @Test
    void anEndedSessionIsNotFoundAndNeverExpires() {
        UUID id = start();
        rest.end(id, secret);
        clock.advance(IDLE.multipliedBy(2));

        assertThat(rest.expireIdle()).isEmpty();
        assertThatThrownBy(() -> rest.level(id, secret)).hasFieldOrPropertyWithValue("code", "SESSION_NOT_FOUND");
        assertThat(store.ended).singleElement().satisfies(end -> assertThat(end.reason()).isEqualTo("customer"));
    }

    @Test
    void aSessionEndedElsewhereIsDroppedWithoutAnExpiredMark() {
        UUID id = start();
        sessions.end(id, "customer");
        clock.advance(IDLE);

        assertThat(rest.expireIdle()).isEmpty();
        assertThat(rest.tracked()).isZero();
        assertThatThrownBy(() -> rest.level(id, secret)).hasFieldOrPropertyWithValue("code", "SESSION_NOT_FOUND");
    }

    @Test
    void aWebSocketSessionNotResumedInTimeIsExpiredForResumeToo() {
        UUID id = sessions.start("telecom", "en", "ws").session().id();
        String token = resumption.issue(id);
        resumption.detached(id);
        clock.advance(Duration.ofMinutes(2));
        resumption.expireOverdue();

        assertThatThrownBy(() -> resumption.resume(token)).hasFieldOrPropertyWithValue("code", "SESSION_EXPIRED");
        String resumeSecret = token.substring(token.indexOf('.') + 1);
        assertThatThrownBy(() -> rest.level(id, resumeSecret)).as("a WebSocket session is not reachable over REST")
                .hasFieldOrPropertyWithValue("code", "SESSION_NOT_FOUND");
    }

    @Test
    void anExpiredSessionIsRememberedForTheRetentionThenNotFound() {
        UUID id = start();
        clock.advance(IDLE);
        rest.expireIdle();
        clock.advance(ExpiredSessions.RETENTION.minusSeconds(1));
        expired.forgetOld();
        assertThatThrownBy(() -> rest.level(id, secret)).hasFieldOrPropertyWithValue("code", "SESSION_EXPIRED");

        clock.advance(Duration.ofSeconds(1));
        expired.forgetOld();

        assertThat(expired.size()).isZero();
        assertThatThrownBy(() -> rest.level(id, secret)).hasFieldOrPropertyWithValue("code", "SESSION_NOT_FOUND");
    }

    @Test
    void theMenuLevelIsStoredFromTheVoiceRequestOnNotForPlainBrowsing() {
        UUID id = start();
        rest.choose(id, secret, "2", null);
        rest.back(id, secret);
        assertThat(store.moves).as("plain browsing: a restart restores only sessions with a call").isEmpty();

        rest.choose(id, secret, "0", null); // the voice item: the level it was chosen on is stored
        rest.choose(id, secret, "2", null); // browsing during the call: every move is stored
        rest.back(id, secret);
        assertThat(store.moves).containsExactly(id + ":", id + ":2", id + ":");
    }

    @Test
    void aWebSocketSessionCannotBeDrivenOverRestWhateverTheSecret() {
        UUID id = sessions.start("telecom", "en", "ws").session().id();
        String token = resumption.issue(id);
        String resumeSecret = token.substring(token.indexOf('.') + 1);

        for (String guess : List.of(resumeSecret, token, "x")) {
            assertThatThrownBy(() -> rest.choose(id, guess, "2", null)).hasFieldOrPropertyWithValue("code",
                    "SESSION_NOT_FOUND");
            assertThatThrownBy(() -> rest.back(id, guess)).hasFieldOrPropertyWithValue("code", "SESSION_NOT_FOUND");
            assertThatThrownBy(() -> rest.hangUp(id, guess)).hasFieldOrPropertyWithValue("code", "SESSION_NOT_FOUND");
            assertThatThrownBy(() -> rest.end(id, guess)).hasFieldOrPropertyWithValue("code", "SESSION_NOT_FOUND");
            assertThatThrownBy(() -> rest.level(id, guess)).hasFieldOrPropertyWithValue("code", "SESSION_NOT_FOUND");
        }
        assertThatThrownBy(() -> rest.end(id, null)).hasFieldOrPropertyWithValue("code", "SESSION_SECRET_REQUIRED");

        assertThat(registry.find(id)).as("the app's session is untouched").hasValueSatisfying(s -> {
            assertThat(s.path()).isEmpty();
            assertThat(s.itemsChosen()).isZero();
        });
        assertThat(store.ended).isEmpty();
        assertThat(store.chosen).isEmpty();
    }

    @Test
    void aRestSessionAnswersOnlyItsOwnSecretAndAWrongOneLooksLikeAnUnknownSession() {
        UUID id = start();
        String own = secret;
        UUID other = start();

        assertThatThrownBy(() -> rest.choose(id, null, "2", null)).hasFieldOrPropertyWithValue("code",
                "SESSION_SECRET_REQUIRED");
        assertThatThrownBy(() -> rest.choose(id, "", "2", null)).hasFieldOrPropertyWithValue("code",
                "SESSION_SECRET_REQUIRED");
        assertThatThrownBy(() -> rest.choose(id, secret, "2", null)).as("another session's secret")
                .isInstanceOf(NoSuchSession.class).hasMessage(new NoSuchSession(id).getMessage());
        assertThatThrownBy(() -> rest.end(id, own + "x")).isInstanceOf(NoSuchSession.class);
        assertThatThrownBy(() -> rest.hangUp(id, "a".repeat(10_000))).isInstanceOf(NoSuchSession.class);
        assertThat(store.chosen).isEmpty();
        assertThat(store.ended).isEmpty();

        assertThat(rest.choose(id, own, "2", null)).isInstanceOf(ChoiceOutcome.LevelShown.class);
        assertThat(rest.level(other, secret).path()).isEmpty();
        rest.end(id, own);
        assertThatThrownBy(() -> rest.level(id, own)).hasFieldOrPropertyWithValue("code", "SESSION_NOT_FOUND");
        assertThat(rest.secretsKept()).isEqualTo(1);
    }

    @Test
    void eachSessionGetsItsOwnHighEntropySecretThatIsNeverPrinted() {
        ConnectionlessSessions.Opened first = rest.start(new ConsultRequest("telecom", "en", null, null, "a"));
        ConnectionlessSessions.Opened second = rest.start(new ConsultRequest("telecom", "en", null, null, "b"));

        assertThat(first.secret()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(second.secret());
        assertThat(first.toString()).doesNotContain(first.secret());
    }

    @Test
    void theSecretOfAnExpiredSessionIsKeptWhileItsExpiryIsRememberedOnly() {
        UUID id = start();
        clock.advance(IDLE);
        rest.expireIdle();
        assertThatThrownBy(() -> rest.level(id, "wrong")).hasFieldOrPropertyWithValue("code", "SESSION_NOT_FOUND");
        assertThatThrownBy(() -> rest.level(id, secret)).hasFieldOrPropertyWithValue("code", "SESSION_EXPIRED");

        clock.advance(ExpiredSessions.RETENTION);
        expired.forgetOld();
        rest.expireIdle();

        assertThat(rest.secretsKept()).isZero();
    }

    private String secret;

    private UUID start() {
        ConnectionlessSessions.Opened opened = rest.start(new ConsultRequest("telecom", "en", null, null,
                "rest-client"));
        secret = opened.secret();
        return opened.session().id();
    }
}
