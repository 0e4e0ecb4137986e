package io.dataivr.session.consult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dataivr.call.ChannelId;
import io.dataivr.call.VoiceLinks;
import io.dataivr.fixtures.InMemoryMenuStore;
import io.dataivr.fixtures.InMemorySipAccountStore;
import io.dataivr.fixtures.InMemoryUsedTokenStore;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.fixtures.RecordingSessionStore;
import io.dataivr.fixtures.SessionFixtures;
import io.dataivr.menu.MenuService;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.SessionActivityListener;
import io.dataivr.session.SessionProperties;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.call.UnknownVoiceRequest;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.device.DeviceAccountService;
import io.dataivr.session.device.SipProperties;
import io.dataivr.session.token.SessionTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A session whose app's phone got its device account with the session answer has its voice link stored in
 * Asterisk as it opens: the tap on the voice item is answered with that link, without writing one then;
 * an unused link goes with the session; a call on a link no request took is refused; without the phone, or
 * with {@code dataivr.session.links-ahead: false}, the request writes its own link first, as before.
 */
class VoiceLinksAheadTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    /** "open id queue endpoint", "close id", in the order asked. */
    private final List<String> links = new CopyOnWriteArrayList<>();
    private VoiceCallService calls;

    private SessionService sessions(Boolean linksAhead) throws Exception {
        SessionProperties properties = new SessionProperties("telecom", "sip:{request}@127.0.0.1",
                SessionFixtures.SECRET, true, Duration.ofHours(24), Duration.ofMinutes(2), Duration.ofSeconds(1),
                Duration.ofMinutes(30), linksAhead);
        MenuService menus = new MenuService(new InMemoryMenuStore());
        menus.importFile(Files.readAllBytes(Path.of(System.getenv().getOrDefault("DATAIVR_HOME", ".."),
                "menus", "telecom.yaml")));
        RecordingSessionStore store = new RecordingSessionStore();
        SessionRegistry registry = new SessionRegistry();
        DeviceAccountService devices = new DeviceAccountService(new InMemorySipAccountStore(),
                new SipProperties("127.0.0.1", "sip:127.0.0.1:5060", "dev-", Duration.ofHours(2),
                        Duration.ofSeconds(30), 0, Duration.ofMinutes(10)), clock);
        SessionActivityListener none = SessionActivityListener.all(List.of());
        VoiceLinks recording = new VoiceLinks() {
            @Override
            public void open(String requestId, UUID sessionId, String queue, String endpoint) {
                links.add("open " + requestId + " " + queue + " " + endpoint);
            }

            @Override
            public void close(String requestId) {
                links.add("close " + requestId);
            }
        };
        calls = new VoiceCallService(registry, store, (id, state) -> { }, properties, devices, none, clock,
                channel -> { }, queue -> 1, recording);
        return new SessionService(menus, registry, store, calls, devices, none, properties,
                new SessionTokens(properties.tokenSecret(), properties.tokenMaxLifetime(),
                        new InMemoryUsedTokenStore(clock), clock), clock);
    }

    private static ConsultRequest withPhone(boolean phone) {
        return new ConsultRequest(null, "en", null, null, "app", phone);
    }

    @Test
    void theTapIsAnsweredWithTheLinkStoredAsTheSessionOpened() throws Exception {
        SessionService sessions = sessions(null);
        SessionService.Started started = sessions.start(withPhone(true));
        String account = started.sipAccount().username();
        await().atMost(WAIT).until(() -> links.size() == 1);
        String stored = links.get(0);
        assertThat(stored).startsWith("open vr-").endsWith(" support " + account);
        String linkId = stored.split(" ")[1];
        assertThat(calls.openLinks()).as("kept by the sweep of stale links").contains(linkId);
        assertThat(calls.issuedHere(linkId)).as("a call on it is judged here").isTrue();

        ChoiceOutcome outcome = sessions.choose(started.session().id(), "0");

        assertThat(outcome).isInstanceOfSatisfying(ChoiceOutcome.VoiceRequested.class, voice -> {
            assertThat(voice.request().id()).isEqualTo(linkId);
            assertThat(voice.dialUri()).isEqualTo("sip:" + linkId + "@127.0.0.1");
        });
        assertThat(links).as("no link written at the tap").containsExactly(stored);
        assertThat(calls.claim(linkId, ChannelId.of("1733480000.2"), account).id()).isEqualTo(linkId);
    }

    @Test
    void aCallOnTheLinkBeforeAnyRequestIsRefusedAndTheRequestThenWritesItsOwn() throws Exception {
        SessionService sessions = sessions(null);
        SessionService.Started started = sessions.start(withPhone(true));
        String account = started.sipAccount().username();
        await().atMost(WAIT).until(() -> links.size() == 1);
        String linkId = links.get(0).split(" ")[1];

        assertThatThrownBy(() -> calls.claim(linkId, ChannelId.of("1733480000.1"), account))
                .isInstanceOf(UnknownVoiceRequest.class); // VoiceLinkEvents hangs such a call up
        assertThat(calls.openLinks()).as("the dialplan took it: gone from Asterisk").doesNotContain(linkId);

        ChoiceOutcome.VoiceRequested voice = (ChoiceOutcome.VoiceRequested) sessions.choose(started.session().id(), "0");
        assertThat(voice.request().id()).isNotEqualTo(linkId);
        assertThat(links).containsExactly(links.get(0), "open " + voice.request().id() + " support " + account);
    }

    @Test
    void anUnusedLinkGoesWithItsSession() throws Exception {
        SessionService sessions = sessions(true);
        SessionService.Started started = sessions.start(withPhone(true));
        await().atMost(WAIT).until(() -> links.size() == 1);
        String linkId = links.get(0).split(" ")[1];

        sessions.end(started.session().id(), "customer");

        await().atMost(WAIT).until(() -> links.contains("close " + linkId));
        assertThat(calls.openLinks()).doesNotContain(linkId);
        assertThat(calls.issuedHere(linkId)).isFalse();
    }

    @Test
    void withoutAPhoneOrWithLinksAheadOffTheRequestWritesItsOwnLinkFirst() throws Exception {
        for (boolean phone : new boolean[] {false, true}) {
            links.clear();
            SessionService sessions = sessions(phone ? Boolean.FALSE : null);
            SessionService.Started started = sessions.start(withPhone(phone));
            Thread.sleep(100); // nothing is written in the background
            assertThat(links).isEmpty();

            ChoiceOutcome outcome = sessions.choose(started.session().id(), "0");

            ChoiceOutcome.VoiceRequested voice = (ChoiceOutcome.VoiceRequested) outcome;
            assertThat(links).containsExactly("open " + voice.request().id() + " support "
                    + voice.account().username());
        }
    }
}
