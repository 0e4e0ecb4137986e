package io.dataivr.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.AgentState;
import io.dataivr.agent.IdleAgentMirror;
import io.dataivr.agent.QueueMembership;
import io.dataivr.fixtures.AsteriskAccounts;
import io.dataivr.fixtures.EmptyQueue;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.store.pg.JdbcSessionStore;
import io.dataivr.voice.AmiGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A session opened over REST, in a call, gets no more requests: when its idle timeout is over (time
 * is moved for the sweep instead of waiting 30 minutes) it ends exactly like an unresumed WebSocket
 * session — the call is hung up, the agent is back at the FIFO's tail in Asterisk and Redis, the
 * device account is revoked, the records are closed — and the next request gets SESSION_EXPIRED.
 * Real Asterisk, PostgreSQL, Redis and phones.
 */
@IntegrationTest
class RestSessionExpiryDuringCallIntegrationTests {

    private static final String QUEUE = "support";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static SipPhoneProcess agent;
    private static SipPhoneProcess customer;

    @Autowired
    TestRestTemplate http;
    @Autowired
    ConnectionlessSessions connectionless;
    @Autowired
    SessionProperties properties;
    @Autowired
    Clock clock;
    @Autowired
    AgentService agents;
    @Autowired
    QueueMembership membership;
    @Autowired
    IdleAgentMirror mirror;
    @Autowired
    AmiGateway ami;
    @Autowired
    SipAccountStore sipAccounts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JdbcSessionStore sessionWrites;

    @BeforeAll
    static void startPhones() throws Exception {
        AsteriskAccounts.require("agent5", "customer2");
        Path work = Files.createTempDirectory("dataivr-rest-expiry");
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
    void anIdleRestSessionInACallExpiresWithItsCallAndTheNextRequestIsGone() throws Exception {
        await().atMost(WAIT).until(ami::connected);
        EmptyQueue.of(QUEUE, agents, membership);
        agents.login("agent5", QUEUE);

        ResponseEntity<JsonNode> started = http.postForEntity("/api/v1/sessions",
                Map.of("language", "en", "client", "rest-expiry-during-call"), JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String session = started.getBody().path("session").path("session").asText();
        JsonNode voice = http.postForEntity("/api/v1/sessions/" + session + "/choices", Map.of("key", "0"),
                JsonNode.class).getBody();
        assertThat(voice.path("type").asText()).isEqualTo("voice");
        String deviceAccount = voice.path("sip").path("username").asText();
        assertThat(sipAccounts.isLive(deviceAccount)).isTrue();
        customer.control().dial(voice.path("dial").asText());
        agent.control().awaitEvent("CALL_ESTABLISHED", WAIT);
        await().atMost(WAIT).until(() -> agents.state("agent5") == AgentState.TALKING);

        // no request for longer than the idle timeout: the sweep runs as if that time had passed
        assertThat(connectionless.expireIdleAsOf(clock.instant().plus(properties.restIdleTimeout())))
                .contains(UUID.fromString(session));

        agent.control().awaitEvent("CALL_CLOSED", WAIT);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(agents.idleAgents(QUEUE)).containsExactly("agent5");
            assertThat(membership.members(QUEUE)).containsExactly("agent5");
            assertThat(mirror.read(QUEUE)).containsExactly("agent5");
        });
        assertThat(sipAccounts.isLive(deviceAccount)).isFalse();
        await().atMost(WAIT).untilAsserted(() -> {
            sessionWrites.flush();
            Map<String, Object> end = jdbc.queryForMap(
                    "select reason, voice_calls from session_end_record where session_id = ?::uuid", session);
            assertThat(end).containsEntry("reason", "expired").containsEntry("voice_calls", 1);
            Map<String, Object> call = jdbc.queryForMap(
                    "select answered_at is not null as answered, ended_at is not null as ended"
                            + " from voice_call where session_id = ?::uuid", session);
            assertThat(call).containsEntry("answered", true).containsEntry("ended", true);
        });
        ResponseEntity<JsonNode> late = http.getForEntity("/api/v1/sessions/" + session + "/menu", JsonNode.class);
        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(late.getBody().path("code").asText()).isEqualTo("SESSION_EXPIRED");
    }
}
