package io.dataivr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.AgentCredentials;
import io.dataivr.fixtures.EmptyQueue;
import io.dataivr.fixtures.JsonSocket;
import io.dataivr.fixtures.AsteriskAccounts;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.voice.AmiGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Agents drive their state from the desk phone (feature codes through the dialplan and FastAGI) and
 * from the REST API; a lost phone logs its agent out; a lost Redis mirror is rebuilt from Asterisk.
 */
@IntegrationTest
class AgentControlIntegrationTests {

    private static final String QUEUE = "support";
    private static final String AGENT = "agent6";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    AgentService agents;
    @Autowired
    FifoReconciler reconciler;
    @Autowired
    IdleAgentMirror mirror;
    @Autowired
    QueueMembership membership;
    @Autowired
    AmiGateway ami;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void anAgentLogsInPausesResumesAndLogsOutFromItsPhoneAndIsLoggedOutWhenThePhoneGoes() throws Exception {
        await().atMost(WAIT).until(ami::connected);
        reset();
        agents.login("agent5", QUEUE); // someone already idle: agent6 must queue up behind
        long logBefore = stateLogRows();
        AsteriskAccounts.require(AGENT);
        SipPhoneProcess phone = SipPhoneProcess.start(AGENT, "127.0.0.36", 900, false, Files.createTempDirectory("dataivr-agent"));
        try {
            assertThat(featureCode(phone, "*71")).as("*71 answered").isTrue();
            assertThat(agents.state(AGENT)).isEqualTo(AgentState.IDLE);
            assertAllAgree("agent5", AGENT);

            assertThat(featureCode(phone, "*7342")).isTrue();
            assertThat(agents.agent(AGENT).state()).isEqualTo(AgentState.PAUSED);
            assertThat(agents.agent(AGENT).pauseReason()).isEqualTo("42");
            assertAllAgree("agent5");

            assertThat(featureCode(phone, "*73")).as("pause while paused is refused").isFalse();
            assertThat(agents.state(AGENT)).isEqualTo(AgentState.PAUSED);

            assertThat(featureCode(phone, "*74")).isTrue();
            assertAllAgree("agent5", AGENT);
            assertThat(featureCode(phone, "*74")).as("resume while idle is refused").isFalse();

            assertThat(featureCode(phone, "*72")).isTrue();
            assertThat(agents.state(AGENT)).isEqualTo(AgentState.LOGGED_OUT);
            assertAllAgree("agent5");
            assertThat(stateLogRows() - logBefore).as("transitions logged").isEqualTo(4);

            // The phone goes away while its agent is logged in: the agent is logged out, out of the FIFO.
            assertThat(featureCode(phone, "*71")).isTrue();
            assertAllAgree("agent5", AGENT);
        } finally {
            phone.close();
        }
        await().atMost(WAIT).until(() -> agents.state(AGENT) == AgentState.LOGGED_OUT);
        assertAllAgree("agent5");
        reset();
    }

    @Test
    void theRestApiServesAgentsInSeveralQueuesAndRefusesWhatDoesNotApply() {
        await().atMost(WAIT).until(ami::connected);
        reset();
        TestRestTemplate agent4 = http.withBasicAuth("agent4", AgentCredentials.password("agent4"));
        TestRestTemplate agent5 = http.withBasicAuth("agent5", AgentCredentials.password("agent5"));
        TestRestTemplate admin = http.withBasicAuth(AgentCredentials.ADMIN, AgentCredentials.ADMIN_PASSWORD);
        ResponseEntity<JsonNode> login = agent4.postForEntity("/api/v1/agents/agent4/login",
                Map.of("queues", List.of(QUEUE)), JsonNode.class);
        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(login.getBody().path("state").asText()).isEqualTo("IDLE");
        agent5.postForEntity("/api/v1/agents/agent5/login", Map.of("queue", QUEUE), JsonNode.class);

        JsonNode paused = agent4.postForObject("/api/v1/agents/agent4/pause", Map.of("reason", "lunch"), JsonNode.class);
        assertThat(paused.path("state").asText()).isEqualTo("PAUSED");
        assertThat(paused.path("pauseReason").asText()).isEqualTo("lunch");
        assertAllAgree("agent5");

        ResponseEntity<JsonNode> twice = agent4.postForEntity("/api/v1/agents/agent4/pause", Map.of(), JsonNode.class);
        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(twice.getBody().path("code").asText()).isEqualTo("AGENT_STATE_CONFLICT");

        admin.postForEntity("/api/v1/agents/agent4/resume", null, JsonNode.class); // the admin may act for any agent
        assertAllAgree("agent5", "agent4");
        assertThat(agent4.getForObject("/api/v1/queues/support/idle-agents", JsonNode.class).path("idle"))
                .extracting(JsonNode::asText).containsExactly("agent5", "agent4");

        ResponseEntity<JsonNode> unknown = admin.postForEntity("/api/v1/agents/agent3/logout", null, JsonNode.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        reset();
    }

    @Test
    void anAgentMayUseOnlyItsOwnEndpointsAndNobodyWithoutCredentials() throws Exception {
        await().atMost(WAIT).until(ami::connected);
        reset();
        agents.login("agent5", QUEUE);
        TestRestTemplate agent4 = http.withBasicAuth("agent4", AgentCredentials.password("agent4"));

        ResponseEntity<JsonNode> someoneElse = agent4.postForEntity("/api/v1/agents/agent5/pause", Map.of(), JsonNode.class);
        assertThat(someoneElse.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(someoneElse.getBody().path("code").asText()).isEqualTo("AGENT_FORBIDDEN");
        assertThat(agent4.getForEntity("/api/v1/agents/agent5/screen", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<JsonNode> anonymous = http.postForEntity("/api/v1/agents/agent5/logout", null, JsonNode.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getBody().path("code").asText()).isEqualTo("AGENT_AUTH_REQUIRED");
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).contains("Basic realm=\"DataIVR agents\"");
        assertThat(http.withBasicAuth("agent5", "guess").postForEntity("/api/v1/agents/agent5/logout", null,
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.getForEntity("/api/v1/queues/support/idle-agents", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertAllAgree("agent5"); // nothing refused changed anything

        JsonNode own = http.withBasicAuth("agent5", AgentCredentials.password("agent5"))
                .getForObject("/api/v1/agents/agent5", JsonNode.class);
        assertThat(own.path("state").asText()).isEqualTo("IDLE");

        // The screen's WebSocket: the handshake needs the agent's own credentials (or the admin's).
        String screen = http.getRootUri().replaceFirst("^http", "ws") + "/ws/v1/agent?agent=agent5";
        assertThatThrownBy(() -> JsonSocket.open(screen)).hasStackTraceContaining("401");
        assertThatThrownBy(() -> JsonSocket.open(screen, AgentCredentials.basic("agent4")))
                .hasStackTraceContaining("403");
        try (JsonSocket mine = JsonSocket.open(screen, AgentCredentials.basic("agent5"));
                JsonSocket admins = JsonSocket.open(screen,
                        AgentCredentials.basic(AgentCredentials.ADMIN, AgentCredentials.ADMIN_PASSWORD))) {
            assertThat(mine.awaitType("screen", WAIT).path("agent").asText()).isEqualTo("agent5");
            assertThat(admins.awaitType("screen", WAIT).path("state").asText()).isEqualTo("no-call");
        }
        reset();
    }

    @Test
    void aMirrorLostInRedisIsRebuiltFromAsterisk() {
        await().atMost(WAIT).until(ami::connected);
        reset();
        agents.login("agent4", QUEUE);
        agents.login("agent5", QUEUE);

        redis.delete(List.of("dataivr-test:idle:" + QUEUE, "dataivr-test:idle-built:" + QUEUE));

        await().atMost(WAIT).untilAsserted(() -> assertAllAgree("agent4", "agent5"));
        reset();
    }

    /** Dials a feature code; true when the dialplan answered it (accepted), false when it was rejected. */
    private static boolean featureCode(SipPhoneProcess phone, String code) throws InterruptedException {
        int closed = phone.control().eventCount("CALL_CLOSED");
        int established = phone.control().eventCount("CALL_ESTABLISHED");
        phone.control().dial("sip:" + code + "@127.0.0.1");
        await().atMost(WAIT).until(() -> phone.control().eventCount("CALL_CLOSED") > closed);
        return phone.control().eventCount("CALL_ESTABLISHED") > established;
    }

    @Autowired
    io.dataivr.store.pg.JdbcAgentStateLog stateLog;


    private long stateLogRows() {
        stateLog.flush();
        return jdbc.queryForObject("select count(*) from agent_state_log where agent = ?", Long.class, AGENT);
    }

    private void reset() {
        EmptyQueue.of(QUEUE, agents, reconciler, membership);
    }

    private void assertAllAgree(String... expected) {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(agents.idleAgents(QUEUE)).as("adapter FIFO").containsExactly(expected);
            assertThat(membership.members(QUEUE)).as("Asterisk members").containsExactly(expected);
            assertThat(mirror.read(QUEUE)).as("Redis mirror").containsExactly(expected);
            assertThat(mirror.intact(QUEUE)).isTrue();
        });
    }
}
