package io.dataivr.session.consult;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.fixtures.InMemoryMenuStore;
import io.dataivr.fixtures.InMemorySipAccountStore;
import io.dataivr.fixtures.InMemoryUsedTokenStore;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.fixtures.RecordingSessionStore;
import io.dataivr.menu.MenuService;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.SessionActivityListener;
import io.dataivr.session.SessionProperties;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.device.DeviceAccountService;
import io.dataivr.session.device.SipAccount;
import io.dataivr.session.device.SipProperties;
import io.dataivr.session.token.SessionTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An app whose SIP phone asks for the device account with the session (consult's {@code sipAccount}) gets it
 * then, when the menu has a voice item, so the phone registers before any voice request; a voice request
 * later carries the same account. Without the ask, or on a menu without a voice item, no account is taken.
 */
class DeviceAccountAheadTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T04:00:00Z"));
    private final InMemorySipAccountStore accounts = new InMemorySipAccountStore();
    private SessionService sessions;

    @BeforeEach
    void setUp() throws Exception {
        SessionProperties properties = new SessionProperties("telecom", "sip:{request}@127.0.0.1",
                io.dataivr.fixtures.SessionFixtures.SECRET, true, Duration.ofHours(24), Duration.ofMinutes(2), Duration.ofSeconds(1),
                Duration.ofMinutes(30));
        MenuService menus = new MenuService(new InMemoryMenuStore());
        menus.importFile(Files.readAllBytes(Path.of(System.getenv().getOrDefault("DATAIVR_HOME", ".."),
                "menus", "telecom.yaml")));
        menus.importFile("""
                menu: no-voice
                languages: [en]
                title: Only answers
                items:
                  - key: "1"
                    label: Opening hours
                    content: Always open
                """.getBytes(StandardCharsets.UTF_8));
        RecordingSessionStore store = new RecordingSessionStore();
        SessionRegistry registry = new SessionRegistry();
        DeviceAccountService devices = new DeviceAccountService(accounts,
                new SipProperties("127.0.0.1", "sip:127.0.0.1:5060", "dev-", Duration.ofHours(2),
                        Duration.ofSeconds(30), 0, Duration.ofMinutes(10)), clock);
        SessionActivityListener none = SessionActivityListener.all(List.of());
        VoiceCallService calls = new VoiceCallService(registry, store, (id, state) -> { }, properties, devices, none,
                clock, channel -> { }, queue -> 1);
        sessions = new SessionService(menus, registry, store, calls, devices, none, properties,
                new SessionTokens(properties.tokenSecret(), properties.tokenMaxLifetime(),
                        new InMemoryUsedTokenStore(clock), clock), clock);
    }

    @Test
    void theAccountAskedForWithTheSessionIsTheOneItsVoiceRequestCarries() {
        SessionService.Started started = sessions.start(new ConsultRequest(null, "en", null, null, "app-1", true));
        SipAccount ahead = started.sipAccount();
        assertThat(ahead).isNotNull();
        assertThat(ahead.username()).startsWith("dev-");
        assertThat(ahead.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        assertThat(accounts.live()).containsOnlyKeys(ahead.username());

        clock.advance(Duration.ofMinutes(5));
        ChoiceOutcome outcome = sessions.choose(started.session().id(), "0");
        assertThat(outcome).isInstanceOfSatisfying(ChoiceOutcome.VoiceRequested.class,
                voice -> assertThat(voice.account()).isEqualTo(ahead));
    }

    @Test
    void noAccountIsTakenWithoutTheAskOrOnAMenuWithoutAVoiceItem() {
        assertThat(sessions.start(new ConsultRequest(null, "en", null, null, "app-2")).sipAccount()).isNull();
        assertThat(sessions.start(new ConsultRequest("no-voice", "en", null, null, "app-3", true)).sipAccount())
                .isNull();
        assertThat(accounts.live()).isEmpty();
    }
}
