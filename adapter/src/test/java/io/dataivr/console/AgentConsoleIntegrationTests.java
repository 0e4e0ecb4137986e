package io.dataivr.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.AgentState;
import io.dataivr.agent.FifoReconciler;
import io.dataivr.agent.QueueMembership;
import io.dataivr.fixtures.AgentCredentials;
import io.dataivr.fixtures.AsteriskAccounts;
import io.dataivr.fixtures.CustomerCalls;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.fixtures.EmptyQueue;
import io.dataivr.fixtures.JsonSocket;
import io.dataivr.fixtures.TestAmi;
import io.dataivr.fixtures.QueueMembers;
import io.dataivr.store.pg.JdbcCallerHistory;
import io.dataivr.store.pg.JdbcSessionStore;
import io.dataivr.voice.AmiGateway;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.asteriskjava.manager.ManagerConnection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console's backend against the real PostgreSQL, Asterisk and Redis: the agent socket's state frames
 * (with when the state began) next to its screen frames, a pause with a configured reason taking the
 * agent out of Asterisk's queue and into agent_state_log, the caller's latest sessions read by client
 * reference, and a call's disposition stored with the call and shown in the admin's session record.
 */
@IntegrationTest
class AgentConsoleIntegrationTests {

    private static final String QUEUE = "support";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JdbcSessionStore sessionWrites;
    @Autowired
    JdbcCallerHistory history;
    @Autowired
    AgentService agents;
    @Autowired
    FifoReconciler reconciler;
    @Autowired
    QueueMembership membership;
    @Autowired
    AmiGateway ami;

    @Test
    void theAgentSocketPushesEveryStateChangeWithItsStartAndAPauseForAReasonLeavesAsterisksQueue() throws Exception {
        await().atMost(WAIT).until(ami::connected);
        EmptyQueue.of(QUEUE, agents, reconciler, membership);
        TestRestTemplate agent5 = http.withBasicAuth("agent5", AgentCredentials.password("agent5"));
        String uri = http.getRootUri().replaceFirst("^http", "ws") + "/ws/v1/agent?agent=agent5";
        ManagerConnection probe = TestAmi.factory().createManagerConnection();
        probe.login("off");
        try (JsonSocket socket = JsonSocket.open(uri, AgentCredentials.basic("agent5"))) {
            JsonNode first = socket.awaitType("agent", WAIT);
            assertThat(first.path("state").asText()).isEqualTo("LOGGED_OUT");
            assertThat(first.path("now").asText()).isNotBlank();
            assertThat(socket.awaitType("screen", WAIT).path("state").asText()).isEqualTo("no-call");

            JsonNode choices = agent5.getForObject("/api/v1/agents/agent5/console", JsonNode.class);
            assertThat(choices.path("loginQueues")).extracting(JsonNode::asText).contains(QUEUE);
            assertThat(choices.path("pauseReasons").path(1).path("code").asText()).isEqualTo("lunch");
            assertThat(choices.path("pauseReasons").path(1).path("labels").path("zh-CN").asText()).isEqualTo("用餐");

            Instant before = Instant.now();
            agent5.postForObject("/api/v1/agents/agent5/login", Map.of("queues", List.of(QUEUE)), JsonNode.class);
            JsonNode idle = socket.await(f -> f.path("type").asText().equals("agent")
                    && f.path("state").asText().equals("IDLE"), WAIT);
            assertThat(Instant.parse(idle.path("since").asText())).isAfterOrEqualTo(before.minusSeconds(1));
            assertThat(QueueMembers.names(probe, QUEUE)).contains("agent5");

            ResponseEntity<JsonNode> nap = agent5.postForEntity("/api/v1/agents/agent5/pause", Map.of("reason", "nap"),
                    JsonNode.class);
            assertThat(nap.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(nap.getBody().path("code").asText()).isEqualTo("PAUSE_REASON_UNKNOWN");
            assertThat(QueueMembers.names(probe, QUEUE)).as("nothing changed").contains("agent5");

            agent5.postForObject("/api/v1/agents/agent5/pause", Map.of("reason", "training"), JsonNode.class);
            JsonNode paused = socket.await(f -> f.path("state").asText().equals("PAUSED"), WAIT);
            assertThat(paused.path("pauseReason").asText()).isEqualTo("training");
            assertThat(QueueMembers.names(probe, QUEUE)).doesNotContain("agent5");
            assertThat(jdbc.queryForObject("select reason from agent_state_log where agent = 'agent5' "
                    + "and to_state = 'PAUSED' order by at desc limit 1", String.class)).isEqualTo("pause: training");

            ResponseEntity<JsonNode> notInWrapUp = agent5.postForEntity("/api/v1/agents/agent5/end-wrap-up", null,
                    JsonNode.class);
            assertThat(notInWrapUp.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(notInWrapUp.getBody().path("code").asText()).isEqualTo("AGENT_STATE_CONFLICT");

            agent5.postForObject("/api/v1/agents/agent5/logout", null, JsonNode.class);
            socket.await(f -> f.path("state").asText().equals("LOGGED_OUT") && f.path("since").isTextual(), WAIT);
        } finally {
            probe.logoff();
            EmptyQueue.of(QUEUE, agents, reconciler, membership);
        }
    }

    @Test
    void theCallersLatestFiveEarlierSessionsAreReadByClientReferenceNewestFirst() {
        String client = "console-" + UUID.randomUUID();
        Instant start = Instant.parse("2026-11-01T08:00:00Z");
        UUID current = null;
        for (int i = 0; i < 7; i++) {
            UUID id = session(client, start.plusSeconds(3600L * i));
            item(id, 1, "2", "submenu", false);
            item(id, 2, "2/1", "content", i == 6);
            current = id;
        }
        UUID other = session("someone-else", start.plusSeconds(99_999));

        List<EarlierSession> latest = history.latest(client, current, 5);

        assertThat(latest).hasSize(5).extracting(EarlierSession::id).doesNotContain(current, other);
        assertThat(latest).extracting(EarlierSession::startedAt).isSortedAccordingTo((a, b) -> b.compareTo(a))
                .first().isEqualTo(start.plusSeconds(3600L * 5));
        assertThat(latest.get(0).items()).extracting(EarlierSession.Item::path).containsExactly("2", "2/1");
        assertThat(latest.get(0).menuId()).isEqualTo(menu());
    }

    @Test
    void theAgentWhoTookACallRecordsItsDispositionWhichTheAdminsSessionRecordShows() {
        UUID session = session("console-" + UUID.randomUUID(), Instant.now().minusSeconds(120));
        String request = "vr-console" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("""
                insert into voice_call (id, session_id, queue, requested_at, agent, ringing_at, answered_at, ended_at,
                    outcome) values (?, ?, 'support', now() - interval '100 seconds', 'agent4',
                    now() - interval '95 seconds', now() - interval '90 seconds', now() - interval '10 seconds',
                    'COMPLETED')""", request, session);
        TestRestTemplate agent4 = http.withBasicAuth("agent4", AgentCredentials.password("agent4"));
        TestRestTemplate agent5 = http.withBasicAuth("agent5", AgentCredentials.password("agent5"));
        String path = "/api/v1/agents/%s/calls/" + request + "/disposition";

        ResponseEntity<JsonNode> notTheirs = agent5.postForEntity(path.formatted("agent5"),
                Map.of("disposition", "resolved"), JsonNode.class);
        assertThat(notTheirs.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(notTheirs.getBody().path("code").asText()).isEqualTo("CALL_NOT_TAKEN");
        assertThat(agent5.postForEntity(path.formatted("agent4"), Map.of("disposition", "resolved"), JsonNode.class)
                .getStatusCode()).as("another agent's path").isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> tooLong = agent4.postForEntity(path.formatted("agent4"),
                Map.of("disposition", "resolved", "note", "x".repeat(2001)), JsonNode.class);
        assertThat(tooLong.getBody().path("code").asText()).isEqualTo("DISPOSITION_INVALID");
        ResponseEntity<JsonNode> unknown = agent4.postForEntity("/api/v1/agents/agent4/calls/vr-nope/disposition",
                Map.of("disposition", "resolved"), JsonNode.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().path("code").asText()).isEqualTo("CALL_NOT_FOUND");
        assertThat(jdbc.queryForObject("select disposition from voice_call where id = ?", String.class, request))
                .as("nothing refused was stored").isNull();

        String note = "<img src=x onerror=alert(1)> 回电 " + "n".repeat(1968);
        ResponseEntity<JsonNode> saved = agent4.postForEntity(path.formatted("agent4"),
                Map.of("disposition", "follow-up", "note", note), JsonNode.class);
        assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> row = jdbc.queryForMap("select disposition, disposition_note, disposed_by, disposed_at "
                + "from voice_call where id = ?", request);
        assertThat(row).containsEntry("disposition", "follow-up").containsEntry("disposition_note", note)
                .containsEntry("disposed_by", "agent4");
        assertThat(((Timestamp) row.get("disposed_at")).toInstant()).isAfter(Instant.now().minusSeconds(60));

        JsonNode record = http.withBasicAuth(AgentCredentials.ADMIN, AgentCredentials.ADMIN_PASSWORD)
                .getForObject("/api/v1/admin/sessions/" + session, JsonNode.class);
        JsonNode call = record.path("calls").path(0);
        assertThat(call.path("disposition").asText()).isEqualTo("follow-up");
        assertThat(call.path("dispositionNote").asText()).isEqualTo(note);
        assertThat(call.path("disposedBy").asText()).isEqualTo("agent4");
    }

    @Test
    void theDeskPhonesFeatureCode75EndsTheWrapUpThroughTheSameService() throws Exception {
        await().atMost(WAIT).until(ami::connected);
        EmptyQueue.of(QUEUE, agents, reconciler, membership);
        AsteriskAccounts.require("console1");
        ManagerConnection probe = TestAmi.factory().createManagerConnection();
        probe.login("off");
        SipPhoneProcess phone = SipPhoneProcess.start("console1", "127.0.0.153", 760, true,
                Files.createTempDirectory("dataivr-console-75"));
        try {
            agents.login("console1", QUEUE);
            assertThat(featureCode(phone, "*75")).as("*75 while idle is refused").isFalse();
            assertThat(agents.state("console1")).isEqualTo(AgentState.IDLE);

            probe.sendAction(CustomerCalls.dialling("q-" + QUEUE, "console75-" + System.nanoTime(), 2), 10_000);
            await().atMost(WAIT).until(() -> agents.state("console1") == AgentState.TALKING);
            await().atMost(WAIT).until(() -> agents.state("console1") == AgentState.WRAP_UP);
            assertThat(QueueMembers.names(probe, QUEUE)).doesNotContain("console1");

            assertThat(featureCode(phone, "*75")).as("*75 in wrap-up").isTrue();
            assertThat(agents.state("console1")).isEqualTo(AgentState.IDLE);
            assertThat(QueueMembers.names(probe, QUEUE)).containsExactly("console1");
        } finally {
            phone.close();
            probe.logoff();
            EmptyQueue.of(QUEUE, agents, reconciler, membership);
        }
    }

    /** Dials a feature code; true when the dialplan answered it (accepted), false when it was rejected. */
    private static boolean featureCode(SipPhoneProcess phone, String code) {
        int closed = phone.control().eventCount("CALL_CLOSED");
        int established = phone.control().eventCount("CALL_ESTABLISHED");
        phone.control().dial("sip:" + code + "@127.0.0.1");
        await().atMost(WAIT).until(() -> phone.control().eventCount("CALL_CLOSED") > closed);
        return phone.control().eventCount("CALL_ESTABLISHED") > established;
    }


    private String menu() {
        return jdbc.queryForObject("select id from menu where published_version is not null order by id limit 1",
                String.class);
    }

    private UUID session(String client, Instant startedAt) {
        sessionWrites.flush();
        String menu = menu();
        int version = jdbc.queryForObject("select published_version from menu where id = ?", Integer.class, menu);
        UUID id = UUID.randomUUID();
        jdbc.update("insert into consultation_session (id, menu_id, menu_version, language, client_ref, started_at) "
                + "values (?, ?, ?, 'en', ?, ?)", id, menu, version, client, Timestamp.from(startedAt));
        return id;
    }

    private void item(UUID session, int seq, String path, String kind, boolean duringCall) {
        jdbc.update("insert into service_item_log (session_id, seq, item_path, kind, chosen_at, during_call) "
                + "values (?, ?, ?, ?, now(), ?)", session, seq, path, kind, duringCall);
    }
}
