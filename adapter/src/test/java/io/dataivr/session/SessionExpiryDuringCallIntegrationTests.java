package io.dataivr.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.AgentState;
import io.dataivr.agent.IdleAgentMirror;
import io.dataivr.agent.QueueMembership;
import io.dataivr.fixtures.EmptyQueue;
import io.dataivr.fixtures.AsteriskAccounts;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.fixtures.SocketProbe;
import io.dataivr.store.pg.JdbcSessionStore;
import io.dataivr.voice.AmiGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The app loses its IP channel during a call and never resumes: when the session expires (the test
 * profile's grace is 3 s) its call is hung up, the agent is back at the FIFO's tail in Asterisk and
 * Redis, and the call and session records are closed. Real Asterisk, PostgreSQL, Redis and phones.
 */
@IntegrationTest
class SessionExpiryDuringCallIntegrationTests {

    private static final String QUEUE = "support";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static SipPhoneProcess agent;
    private static SipPhoneProcess customer;

    @LocalServerPort
    int port;
    @Autowired
    AgentService agents;
    @Autowired
    QueueMembership membership;
    @Autowired
    IdleAgentMirror mirror;
    @Autowired
    AmiGateway ami;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JdbcSessionStore sessionWrites;

    @BeforeAll
    static void startPhones() throws Exception {
        AsteriskAccounts.require("agent5", "customer2");
        Path work = Files.createTempDirectory("dataivr-expiry");
        agent = SipPhoneProcess.start("agent5", "127.0.0.35", 1200, true, work);
        customer = SipPhoneProcess.start("customer2", "127.0.0.46", 480, false, work);
    }

    @AfterAll
    static void stopPhones() {
        for (SipPhoneProcess phone : new SipPhoneProcess[] {agent, customer}) {
            if (phone != null) {
                phone.close();
            }
        }
    }

    @Test
    void aSessionWhoseChannelIsLostDuringACallHangsItUpWhenItExpiresAndTheAgentGoesBackToTheTail()
            throws Exception {
        await().atMost(WAIT).until(ami::connected);
        EmptyQueue.of(QUEUE, agents, membership);
        agents.login("agent5", QUEUE);

        SocketProbe app = SocketProbe.open(port);
        String session = app.ask("{\"type\":\"consult\",\"language\":\"en\",\"client\":\"expiry-during-call\"}")
                .path("session").asText();
        assertThat(app.next().path("type").asText()).isEqualTo("menu");
        app.send("{\"type\":\"choose\",\"key\":\"0\"}");
        JsonNode voice = app.next();
        while (!voice.path("type").asText().equals("voice")) {
            voice = app.next();
        }
        customer.control().dial(voice.path("dial").asText());
        agent.control().awaitEvent("CALL_ESTABLISHED", WAIT);
        await().atMost(WAIT).until(() -> agents.state("agent5") == AgentState.TALKING);
        assertThat(membership.members(QUEUE)).isEmpty();

        app.drop(); // the phone loses its network; nobody resumes the session

        agent.control().awaitEvent("CALL_CLOSED", WAIT);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(agents.idleAgents(QUEUE)).containsExactly("agent5");
            assertThat(membership.members(QUEUE)).containsExactly("agent5");
            assertThat(mirror.read(QUEUE)).containsExactly("agent5");
        });
        await().atMost(WAIT).untilAsserted(() -> {
            sessionWrites.flush();
            Map<String, Object> end = jdbc.queryForMap(
                    "select reason, voice_calls from session_end_record where session_id = ?::uuid", session);
            assertThat(end).containsEntry("reason", "expired").containsEntry("voice_calls", 1);
            Map<String, Object> call = jdbc.queryForMap(
                    "select agent, answered_at is not null as answered, ended_at is not null as ended"
                            + " from voice_call where session_id = ?::uuid", session);
            assertThat(call).containsEntry("agent", "agent5").containsEntry("answered", true)
                    .containsEntry("ended", true);
        });
    }
}
