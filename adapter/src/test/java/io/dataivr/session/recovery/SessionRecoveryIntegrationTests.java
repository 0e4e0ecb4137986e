package io.dataivr.session.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.IntegrationTest;
import io.dataivr.call.CallInProgress;
import io.dataivr.call.ChannelId;
import io.dataivr.call.HungUpBy;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuService;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.ExpiredSessions;
import io.dataivr.session.SessionEndRecord;
import io.dataivr.session.SessionProperties;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.SessionStore;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.consult.ConsultRequest;
import io.dataivr.session.consult.SessionService;
import io.dataivr.session.resume.SessionResumption;
import io.dataivr.session.token.SessionTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 4, reliability: a session whose call outlives its adapter is restored where it was. Two
 * "adapter processes" in turn (the session components built afresh, nothing shared in memory) over
 * the same real PostgreSQL stores and Redis: the first opens, browses and asks for an agent; the
 * second is given the call as Asterisk would list it after a restart. The app resumes the session
 * with the resume token the first process gave it and finds its menu level and menu version.
 * (AdapterKilledDuringCallsEndToEndTests does the same with a killed JVM and real phones.)
 */
@IntegrationTest
class SessionRecoveryIntegrationTests {

    @Autowired
    SessionTokens tokens;
    @Autowired
    MenuService menus;
    @Autowired
    SessionStore store;
    @Autowired
    RecoverableCalls records;
    @Autowired
    SessionProperties properties;
    @Autowired
    Clock clock;
    @Autowired
    JdbcTemplate jdbc;

    /** The session side of one adapter process, over the shared stores. */
    private final class Adapter {
        final SessionRegistry registry = new SessionRegistry();
        final VoiceCallService calls = new VoiceCallService(registry, store, (id, state) -> { }, properties, clock);
        final SessionService sessions = new SessionService(menus, registry, store, calls, properties, tokens, clock);
        final SessionResumption resumption = new SessionResumption(registry, sessions, Duration.ofMinutes(2),
                new ExpiredSessions(clock), store::resumable, clock);
        final SessionRecovery recovery = new SessionRecovery(records, menus, registry, calls, resumption, clock);

        Adapter() {
            calls.whenRestoredCallEnds(id -> sessions.end(id, "call-ended-after-restart"));
        }
    }

    @Test
    void aSessionRestoredForItsCallIsResumedWithItsTokenAtItsLevelOfItsMenuVersion() {
        String menuId = "place-" + Long.toString(System.nanoTime(), 36);
        Menu v1 = menus.importFile(menuFile(menuId, "Plans v1"));
        Adapter first = new Adapter();
        SessionService.Started started = first.sessions.start(new ConsultRequest(menuId, "en", null,
                tokens.mint("place-customer", Duration.ofMinutes(5)), null));
        UUID sessionId = started.session().id();
        String resumeToken = first.resumption.issue(sessionId);
        first.sessions.choose(sessionId, "2");
        first.sessions.choose(sessionId, "3");
        assertThat(first.sessions.back(sessionId).path()).containsExactly("2");
        ChoiceOutcome voice = first.sessions.choose(sessionId, "0");
        assertThat(voice).isInstanceOf(ChoiceOutcome.VoiceRequested.class);
        String requestId = ((ChoiceOutcome.VoiceRequested) voice).request().id();
        // the first process dies here; a newer menu version is published meanwhile
        Menu v2 = menus.importFile(menuFile(menuId, "Plans v2"));
        assertThat(v2.version()).isGreaterThan(v1.version());

        Adapter second = new Adapter();
        String channel = "place-chan-" + System.nanoTime();
        assertThat(second.recovery.recover(List.of(new CallInProgress("support", new ChannelId(channel), "agent1", true,
                requestId)))).isEqualTo(1);
        SessionResumption.Resumed resumed = second.resumption.resume(resumeToken);

        assertThat(resumed.level().path()).as("the level it was at").containsExactly("2");
        assertThat(resumed.level().version()).as("the version it ran on").isEqualTo(v1.version());
        assertThat(resumed.level().title()).isEqualTo("Plans v1");
        assertThat(resumed.session().call().name()).isEqualTo("talking");
        assertThat(jdbc.queryForObject("select menu_path from consultation_session where id = ?", String.class,
                sessionId)).isEqualTo("2");

        // Resumed, the session outlives its call and goes on from its level.
        second.calls.on(new QueueCallEvent.AgentHungUp("support", new ChannelId(channel), "agent1", HungUpBy.AGENT));
        assertThat(second.sessions.choose(sessionId, "1")).isInstanceOf(ChoiceOutcome.ContentShown.class);
        SessionEndRecord end = second.sessions.end(sessionId, "customer");
        assertThat(List.of(end.itemsChosen(), end.contentsSent(), end.voiceCalls())).containsExactly(4, 1, 1);
        assertThat(jdbc.queryForObject("select string_agg(item_path, ',' order by seq) from service_item_log"
                + " where session_id = ?", String.class, sessionId)).isEqualTo("2,2/3,2/0,2/1");
        assertThat(jdbc.queryForObject("select outcome from voice_call where id = ?", String.class, requestId))
                .isEqualTo("completed by agent");
    }

    @Test
    void callsThatEndedWhileNoAdapterRanAreClosedAndTheirSessionsEndedWithTheirRecords() {
        String menuId = "down-" + Long.toString(System.nanoTime(), 36);
        menus.importFile(menuFile(menuId, "Plans"));
        Adapter first = new Adapter();
        UUID hungUpMeanwhile = startSession(first, menuId);
        first.sessions.choose(hungUpMeanwhile, "2");
        first.sessions.contentSent(hungUpMeanwhile,
                (ChoiceOutcome.ContentShown) first.sessions.choose(hungUpMeanwhile, "1"));
        String hungUpRequest = askForAgent(first, hungUpMeanwhile);
        first.calls.claim(hungUpRequest, new ChannelId("down-chan-a-" + System.nanoTime()), "customer1");
        UUID neverDialled = startSession(first, menuId);
        first.sessions.choose(neverDialled, "2");
        String neverDialledRequest = askForAgent(first, neverDialled);
        UUID stillTalking = startSession(first, menuId);
        first.sessions.choose(stillTalking, "2");
        String talkingRequest = askForAgent(first, stillTalking);
        String talkingChannel = "down-chan-b-" + System.nanoTime();
        first.calls.claim(talkingRequest, new ChannelId(talkingChannel), "customer2");
        UUID queuedElsewhere = startSession(first, menuId);
        first.sessions.choose(queuedElsewhere, "2");
        String queuedRequest = askForAgent(first, queuedElsewhere);
        String queuedChannel = "down-chan-c-" + System.nanoTime();
        first.calls.claim(queuedRequest, new ChannelId(queuedChannel), "customer3");
        // the first adapter dies; meanwhile one customer hangs up; the second starts
        Adapter second = new Adapter();
        UUID newSession = startSession(second, menuId);
        second.sessions.choose(newSession, "2");
        String newRequest = askForAgent(second, newSession);

        // Asterisk: one queue call (talking); another DataIVR channel it holds outside a queue of ours.
        List<CallInProgress> inAsterisk = new java.util.ArrayList<>(List.of(
                new CallInProgress("support", new ChannelId(talkingChannel), "agent1", true, talkingRequest)));
        assertThat(second.recovery.recover(inAsterisk)).isEqualTo(1);
        // calls of other tests in this JVM's shared context are left alone: as if Asterisk held them
        jdbc.queryForList("select id from voice_call where ended_at is null and session_id not in (?, ?, ?, ?, ?)",
                String.class, hungUpMeanwhile, neverDialled, stillTalking, queuedElsewhere, newSession)
                .forEach(other -> inAsterisk.add(new CallInProgress("support", new ChannelId("other-" + other), null, false,
                        other)));
        int closed = second.recovery.closeEndedWhileDown(inAsterisk,
                java.util.Set.of(new ChannelId(talkingChannel), new ChannelId(queuedChannel)));

        assertThat(closed).isEqualTo(2);
        for (String request : List.of(hungUpRequest, neverDialledRequest)) {
            assertThat(jdbc.queryForMap("select outcome, ended_at is not null as ended from voice_call where id = ?",
                    request)).containsEntry("outcome", "ended-while-adapter-down").containsEntry("ended", true);
        }
        assertThat(jdbc.queryForMap("""
                select s.end_reason, s.ended_at = e.ended_at as same_end, e.reason, e.items_chosen, e.contents_sent,
                       e.voice_calls
                from consultation_session s join session_end_record e on e.session_id = s.id where s.id = ?""",
                hungUpMeanwhile)).containsEntry("end_reason", "ended-while-adapter-down").containsEntry("same_end", true)
                .containsEntry("reason", "ended-while-adapter-down").containsEntry("items_chosen", 3)
                .containsEntry("contents_sent", 1).containsEntry("voice_calls", 1);
        assertThat(jdbc.queryForObject("select reason from session_end_record where session_id = ?", String.class,
                neverDialled)).isEqualTo("ended-while-adapter-down");
        for (String open : List.of(talkingRequest, queuedRequest, newRequest)) {
            assertThat(jdbc.queryForObject("select ended_at is null from voice_call where id = ?", Boolean.class, open))
                    .as("call %s still open", open).isTrue();
        }
        for (UUID open : List.of(stillTalking, queuedElsewhere, newSession)) {
            assertThat(jdbc.queryForObject("select count(*) from session_end_record where session_id = ?",
                    Integer.class, open)).as("session %s still open", open).isZero();
        }
        assertThat(second.registry.find(stillTalking)).as("the talking one is restored").isPresent();
        assertThat(second.recovery.closeEndedWhileDown(inAsterisk,
                java.util.Set.of(new ChannelId(talkingChannel), new ChannelId(queuedChannel))))
                .as("a second (re)connect closes nothing more").isZero();
    }

    private UUID startSession(Adapter adapter, String menuId) {
        return adapter.sessions.start(new ConsultRequest(menuId, "en", null, null, "down-test")).session().id();
    }

    private static String askForAgent(Adapter adapter, UUID sessionId) {
        return ((ChoiceOutcome.VoiceRequested) adapter.sessions.choose(sessionId, "0")).request().id();
    }

    private static byte[] menuFile(String id, String plansTitle) {
        return ("""
                menu: %s
                languages: [en]
                title: {en: Place test}
                items:
                  - key: "2"
                    label: %s
                    items:
                      - key: "1"
                        label: Data pack
                        content: 10 GB a month
                      - key: "3"
                        label: Roaming
                        items:
                          - key: "1"
                            label: Europe
                            content: 1 GB
                      - key: "0"
                        label: Plans agent
                        voice: support
                """).formatted(id, plansTitle).getBytes(StandardCharsets.UTF_8);
    }
}
