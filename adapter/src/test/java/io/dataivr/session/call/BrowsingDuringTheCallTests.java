package io.dataivr.session.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.call.CallOutcome;
import io.dataivr.call.ChannelId;
import io.dataivr.fixtures.InMemorySipAccountStore;
import io.dataivr.fixtures.InMemoryUsedTokenStore;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.menu.LocalizedText;
import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuItem;
import io.dataivr.menu.MenuService;
import io.dataivr.menu.MenuStore;
import io.dataivr.session.BrowsingStep;
import io.dataivr.session.CallEnd;
import io.dataivr.session.CallState;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.SessionActivityListener;
import io.dataivr.session.SessionEndRecord;
import io.dataivr.session.SessionProperties;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.SessionStore;
import io.dataivr.session.VoiceRequest;
import io.dataivr.session.consult.SessionService;
import io.dataivr.session.device.DeviceAccountService;
import io.dataivr.session.device.SipProperties;
import io.dataivr.session.token.SessionTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Claim 4: what the customer chooses while their phone is in a call is logged as during the call. */
class BrowsingDuringTheCallTests {

    private static final Menu MENU = new Menu("telecom", 1, List.of("en"), LocalizedText.of("en", "Telecom"), List.of(
            MenuItem.content("1", LocalizedText.of("en", "Balance"), LocalizedText.of("en", "58 CNY")),
            MenuItem.voice("0", LocalizedText.of("en", "Agent"), "support")));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
    private final List<String> logged = new ArrayList<>();
    private final List<String> ended = new ArrayList<>();
    private final List<BrowsingStep> seen = new ArrayList<>();
    private final InMemorySipAccountStore accounts = new InMemorySipAccountStore();
    private final SessionRegistry registry = new SessionRegistry();
    private static final String SECRET = "browsing-during-the-call-tests-secret-0123456789";
    private final SessionProperties properties = new SessionProperties("telecom", "sip:{request}@127.0.0.1", SECRET,
            true, Duration.ofHours(24), Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofMinutes(30));
    private final DeviceAccountService devices = new DeviceAccountService(accounts,
            new SipProperties("127.0.0.1", "sip:127.0.0.1:5060", "dev-", Duration.ofHours(2), Duration.ofSeconds(30), 0, Duration.ofMinutes(10)),
            clock);
    private final SessionActivityListener activity = new SessionActivityListener() {
        @Override
        public void chose(ConsultationSession session, BrowsingStep step) {
            seen.add(step);
        }
    };
    /** What the app was told of its call, per session, in order. */
    private final java.util.Map<UUID, List<CallState>> told = new java.util.concurrent.ConcurrentHashMap<>();
    private final VoiceCallService calls = new VoiceCallService(registry, new LoggingStore(),
            (id, state) -> told.computeIfAbsent(id, k -> new ArrayList<>()).add(state),
            properties, devices, activity, clock, channel -> { }, queue -> 1);
    private final SessionService sessions = new SessionService(new MenuService(new OneMenu()), registry,
            new LoggingStore(), calls, devices, activity, properties,
            new SessionTokens(SECRET, Duration.ofHours(24), new InMemoryUsedTokenStore(clock), clock),
            clock);

    @Test
    void itemsChosenWhileQueuedOrTalkingAreDuringTheCallAndOthersAreNot() {
        UUID id = sessions.start(null, "en", "app").session().id();
        sessions.choose(id, "1");
        ChoiceOutcome.VoiceRequested voice = (ChoiceOutcome.VoiceRequested) sessions.choose(id, "0");
        sessions.choose(id, "1"); // the phone has not dialled yet
        VoiceRequest linked = calls.claim(voice.request().id(), new ChannelId("chan-1"), voice.account().username());
        sessions.choose(id, "1");
        calls.on(new io.dataivr.call.QueueCallEvent.AgentAnswered("support", new ChannelId("chan-1"), "agent2"));
        sessions.choose(id, "1");

        assertThat(linked.sessionId()).isEqualTo(id);
        assertThat(logged).containsExactly("1:false", "0:false", "1:false", "1:true", "1:true");
        assertThat(seen).extracting(BrowsingStep::duringCall).containsExactly(false, false, false, true, true);
    }

    @Test
    void anotherSessionsDeviceCannotUseTheVoiceLinkAndEndingTheSessionRevokesItsAccount() {
        ChoiceOutcome.VoiceRequested voice = asksForAnAgent("a");
        ChoiceOutcome.VoiceRequested other = asksForAnAgent("b");
        UUID mine = voice.request().sessionId();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> calls.claim(voice.request().id(), new ChannelId("chan-9"), other.account().username()))
                .isInstanceOf(DeviceNotAuthorized.class);
        assertThat(calls.claim(voice.request().id(), new ChannelId("chan-1"), voice.account().username()).sessionId())
                .isEqualTo(mine);

        sessions.end(mine, "customer");
        assertThat(accounts.isLive(voice.account().username())).isFalse();
        assertThat(accounts.isLive(other.account().username())).isTrue();
    }

    @Test
    void aClaimedCallIsStillRequestedForTheAppUntilItJoinsTheQueueWithARealPlace() {
        ChoiceOutcome.VoiceRequested one = asksForAnAgent("a");
        UUID first = one.request().sessionId();
        assertThat(told.get(first)).as("pushed when the request is made").singleElement()
                .isEqualTo(new CallState.Requested(one.request()));

        calls.claim(one.request().id(), new ChannelId("chan-a"), one.account().username());
        assertThat(registry.get(first).call()).isEqualTo(new CallState.Requested(one.request(), new ChannelId("chan-a")));
        assertThat(told.get(first)).as("linked, not queued yet: nothing new for the app").hasSize(1);

        calls.on(new io.dataivr.call.QueueCallEvent.CallerJoined("support", new ChannelId("chan-a"), 1));
        assertThat(told.get(first)).hasSize(2).last().isInstanceOfSatisfying(CallState.Queued.class, queued -> {
            assertThat(queued.position()).isEqualTo(1);
            assertThat(queued.estimatedWaitSeconds()).isPositive();
            assertThat(queued.noEstimate()).isNull();
        });
    }

    @Test
    void aWaitingCallerIsToldItsPlaceOnlyWhenItChanges() {
        List<UUID> waiting = new ArrayList<>();
        for (String client : List.of("a", "b", "c")) {
            ChoiceOutcome.VoiceRequested voice = asksForAnAgent(client);
            calls.claim(voice.request().id(), new ChannelId("chan-" + client), voice.account().username());
            calls.on(new io.dataivr.call.QueueCallEvent.CallerJoined("support", new ChannelId("chan-" + client), waiting.size() + 1));
            waiting.add(voice.request().sessionId());
        }
        int toldBefore = told.values().stream().mapToInt(List::size).sum();

        // The last in line gives up: nobody ahead of it moves, so nobody is told anything.
        calls.on(new io.dataivr.call.QueueCallEvent.CallerHungUp("support", new ChannelId("chan-c")));
        assertThat(told.get(waiting.get(0))).hasSize(2); // requested, joined (1)
        assertThat(told.get(waiting.get(1))).hasSize(2);
        // The first is answered and leaves the line: the second moves up and is told.
        calls.on(new io.dataivr.call.QueueCallEvent.CallerLeft("support", new ChannelId("chan-a"), 1));
        assertThat(told.get(waiting.get(1))).last().isInstanceOfSatisfying(CallState.Queued.class,
                queued -> assertThat(queued.position()).isEqualTo(1));
        assertThat(told.values().stream().mapToInt(List::size).sum())
                .as("messages after the joins: c's end, and b's new place").isEqualTo(toldBefore + 2);
    }

    @Test
    void aLinkedCallWhoseCallerHangsUpBeforeJoiningTheQueueEndsAndTheSessionIsBackAtTheMenu() {
        ChoiceOutcome.VoiceRequested voice = asksForAnAgent("a");
        UUID id = voice.request().sessionId();
        calls.claim(voice.request().id(), new ChannelId("chan-a"), voice.account().username());

        calls.on(new io.dataivr.call.QueueCallEvent.CallerHungUp("support", new ChannelId("chan-a")));

        CallState.Ended gaveUp = new CallState.Ended(voice.request(),
                CallEnd.of(CallEnd.By.CUSTOMER, CallEnd.Reason.GAVE_UP));
        assertThat(registry.get(id).call()).isEqualTo(gaveUp);
        assertThat(registry.get(id).inCall()).isFalse();
        assertThat(told.get(id)).last().isEqualTo(gaveUp);
        assertThat(calls.follows(new ChannelId("chan-a"))).isFalse();
    }

    @Test
    void callsThatEndedWhileNoEventCouldArriveAreEndedOnReconnectAndTheCallersBehindMoveUp() {
        calls.on(new io.dataivr.call.QueueCallEvent.CallerJoined("support", new ChannelId("chan-x"), 1)); // not a DataIVR call
        List<ChoiceOutcome.VoiceRequested> voices = new ArrayList<>();
        for (String client : List.of("a", "b", "c")) {
            ChoiceOutcome.VoiceRequested voice = asksForAnAgent(client);
            calls.claim(voice.request().id(), new ChannelId("chan-" + client), voice.account().username());
            calls.on(new io.dataivr.call.QueueCallEvent.CallerJoined("support", new ChannelId("chan-" + client), voices.size() + 2));
            voices.add(voice);
        }
        VoiceCallService.Followed before = calls.followed();
        // Linked after the read of Asterisk's channels began: the read may not show it, so it is left alone.
        ChoiceOutcome.VoiceRequested late = asksForAnAgent("d");
        calls.claim(late.request().id(), new ChannelId("chan-d"), late.account().username());

        // Asterisk no longer has x or a (their hang-ups were lost with the connection); b and c wait on.
        int closed = calls.closeGone(before, channels("chan-b", "chan-c", "unrelated"),
                CallOutcome.ENDED_WHILE_AMI_DOWN);

        assertThat(closed).isEqualTo(1);
        UUID a = voices.get(0).request().sessionId();
        CallState.Ended lost = new CallState.Ended(voices.get(0).request(),
                CallEnd.of(CallEnd.By.SYSTEM, CallEnd.Reason.CALL_LOST));
        assertThat(registry.get(a).call()).isEqualTo(lost);
        assertThat(told.get(a)).last().isEqualTo(lost);
        assertThat(ended).containsExactly(voices.get(0).request().id() + ":ended-while-ami-down");
        assertThat(calls.follows(new ChannelId("chan-a"))).isFalse();
        assertThat(calls.follows(new ChannelId("chan-d"))).isTrue();
        for (int i = 1; i <= 2; i++) {
            int place = i;
            assertThat(told.get(voices.get(i).request().sessionId())).last()
                    .isInstanceOfSatisfying(CallState.Queued.class, queued -> assertThat(queued.position()).isEqualTo(place));
        }
        // Nothing more to close on the next reconnect.
        assertThat(calls.closeGone(calls.followed(), channels("chan-b", "chan-c", "chan-d"),
                CallOutcome.ENDED_WHILE_AMI_DOWN)).isZero();
    }

    private static java.util.Set<ChannelId> channels(String... uniqueIds) {
        return java.util.Arrays.stream(uniqueIds).map(ChannelId::new).collect(java.util.stream.Collectors.toSet());
    }

    /** A new session whose customer chose the voice item at once. */
    private ChoiceOutcome.VoiceRequested asksForAnAgent(String client) {
        UUID id = sessions.start(null, "en", client).session().id();
        return (ChoiceOutcome.VoiceRequested) sessions.choose(id, "0");
    }

    private final class LoggingStore implements SessionStore {
        public void started(ConsultationSession session) { }
        public void movedTo(UUID sessionId, List<String> path) { }
        public void resumable(UUID sessionId, byte[] resumeSecretHash) { }
        public void itemChosen(UUID sessionId, int seq, String itemPath, String kind, Instant at, boolean duringCall) {
            logged.add(itemPath + ":" + duringCall);
        }
        public void contentDelivered(UUID sessionId, String itemPath, String language, int chars, Instant at) { }
        public void voiceRequested(VoiceRequest request) { }
        public void callLinked(String requestId, ChannelId callerChannelId, String sipAccount) { }
        public void callRinging(String requestId, String agent, Instant at) { }
        public void callAnswered(String requestId, String agent, Instant at) { }
        public void callEnded(String requestId, CallOutcome outcome, Instant at) {
            ended.add(requestId + ":" + outcome.stored());
        }
        public void ended(SessionEndRecord record) { }
    }

    private static final class OneMenu implements MenuStore {
        public int publish(Menu menu) { return 1; }
        public Optional<Menu> findPublished(String menuId) { return Optional.of(MENU); }
        public Optional<Menu> find(String menuId, int version) { return Optional.of(MENU); }
        public List<String> menuIds() { return List.of("telecom"); }
    }
}
