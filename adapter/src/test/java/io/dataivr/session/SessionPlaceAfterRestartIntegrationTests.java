package io.dataivr.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.IntegrationTest;
import io.dataivr.agent.CallInProgress;
import io.dataivr.agent.QueueCallEvent;
import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuService;
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
class SessionPlaceAfterRestartIntegrationTests {

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
        final SessionRecovery recovery = new SessionRecovery(records, menus, registry, calls, resumption);

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
        assertThat(second.recovery.recover(List.of(new CallInProgress("support", channel, "agent1", true,
                requestId)))).isEqualTo(1);
        SessionResumption.Resumed resumed = second.resumption.resume(resumeToken);

        assertThat(resumed.level().path()).as("the level it was at").containsExactly("2");
        assertThat(resumed.level().version()).as("the version it ran on").isEqualTo(v1.version());
        assertThat(resumed.level().title()).isEqualTo("Plans v1");
        assertThat(resumed.session().call().name()).isEqualTo("talking");
        assertThat(jdbc.queryForObject("select menu_path from consultation_session where id = ?", String.class,
                sessionId)).isEqualTo("2");

        // Resumed, the session outlives its call and goes on from its level.
        second.calls.on(new QueueCallEvent.AgentHungUp("support", channel, "agent1", "agent"));
        assertThat(second.sessions.choose(sessionId, "1")).isInstanceOf(ChoiceOutcome.ContentShown.class);
        SessionEndRecord end = second.sessions.end(sessionId, "customer");
        assertThat(List.of(end.itemsChosen(), end.contentsSent(), end.voiceCalls())).containsExactly(4, 1, 1);
        assertThat(jdbc.queryForObject("select string_agg(item_path, ',' order by seq) from service_item_log"
                + " where session_id = ?", String.class, sessionId)).isEqualTo("2,2/3,2/0,2/1");
        assertThat(jdbc.queryForObject("select outcome from voice_call where id = ?", String.class, requestId))
                .isEqualTo("completed by agent");
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
