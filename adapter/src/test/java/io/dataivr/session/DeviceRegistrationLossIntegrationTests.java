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
import io.dataivr.fixtures.SocketProbe;
import io.dataivr.store.pg.JdbcSessionStore;
import io.dataivr.store.pg.PjsipRealtimeProperties;
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
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue 4, item 7: the app loses its SIP registration in the middle of a call. Its phone (a real
 * baresip registered with the session's own device account) is killed with SIGKILL while it talks
 * to an agent: no BYE, no unregister, and with direct media its RTP never went through Asterisk, so
 * only the AOR's qualify can tell (the test profile qualifies device accounts every 5 s). The
 * adapter then hangs the call up: the agent's phone gets a BYE and the agent is back at the FIFO's
 * tail in Asterisk and Redis, the call record is closed, the session is still open at its menu, and
 * ending it revokes the account and stores a complete record.
 */
@IntegrationTest
class DeviceRegistrationLossIntegrationTests {

    private static final String QUEUE = "support";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DEVICE_ADDRESS = "127.0.0.81";
    private static SipPhoneProcess agent;
    private static SipPhoneProcess device;
    private static Path work;

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
    @Autowired
    PjsipRealtimeProperties realtimeProperties;

    @BeforeAll
    static void startAgentPhone() throws Exception {
        AsteriskAccounts.require("agent4");
        work = Files.createTempDirectory("dataivr-device-loss");
        agent = SipPhoneProcess.start("agent4", "127.0.0.38", 1100, true, work);
    }

    @AfterAll
    static void stopPhones() {
        for (SipPhoneProcess phone : new SipPhoneProcess[] {agent, device}) {
            if (phone != null) {
                phone.close();
            }
        }
    }

    @Test
    void aDevicePhoneKilledMidCallEndsTheCallTheAgentGoesBackToTheTailAndTheSessionStaysAtItsMenu()
            throws Exception {
        await().atMost(WAIT).until(ami::connected);
        EmptyQueue.of(QUEUE, agents, membership);
        agents.login("agent4", QUEUE);
        JdbcTemplate realtime = new JdbcTemplate(new DriverManagerDataSource(realtimeProperties.url(),
                realtimeProperties.username(), realtimeProperties.password()));

        SocketProbe app = SocketProbe.open(port);
        String session = app.ask("{\"type\":\"consult\",\"language\":\"en\",\"client\":\"device-loss\"}")
                .path("session").asText();
        assertThat(app.next().path("type").asText()).isEqualTo("menu");
        app.send("{\"type\":\"choose\",\"key\":\"0\"}");
        JsonNode voice = awaitType(app, "voice");
        String username = voice.path("sip").path("username").asText();
        assertThat(realtime.queryForObject("select qualify_frequency from ps_aors where id = ?", Integer.class,
                username)).isEqualTo(5);
        device = SipPhoneProcess.start(username, voice.path("sip").path("password").asText(), DEVICE_ADDRESS, 440,
                false, work);

        device.control().dial(voice.path("dial").asText());
        agent.control().awaitEvent("CALL_ESTABLISHED", WAIT);
        await().atMost(WAIT).until(() -> agents.state("agent4") == AgentState.TALKING);
        awaitCall(app, "talking");
        assertThat(membership.members(QUEUE)).isEmpty();
        assertThat(mirror.read(QUEUE)).isEmpty();

        long killed = System.nanoTime();
        device.kill();

        agent.control().awaitEvent("CALL_CLOSED", Duration.ofSeconds(20));
        long agentFreed = System.nanoTime();
        System.out.printf("device phone killed mid-call: the agent's call closed %d ms later (qualify every 5 s)%n",
                (agentFreed - killed) / 1_000_000);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(agents.state("agent4")).isEqualTo(AgentState.IDLE);
            assertThat(agents.idleAgents(QUEUE)).containsExactly("agent4");
            assertThat(membership.members(QUEUE)).containsExactly("agent4");
            assertThat(mirror.read(QUEUE)).containsExactly("agent4");
        });
        awaitCall(app, "ended");

        // The session is back at its menu: the customer goes on browsing.
        app.send("{\"type\":\"choose\",\"key\":\"1\"}");
        assertThat(awaitType(app, "content").path("text").asText()).startsWith("Your balance");
        await().atMost(WAIT).untilAsserted(() -> {
            sessionWrites.flush();
            Map<String, Object> call = jdbc.queryForMap("select agent, answered_at is not null as answered,"
                    + " ended_at is not null as ended, outcome from voice_call where session_id = ?::uuid", session);
            assertThat(call).containsEntry("agent", "agent4").containsEntry("answered", true)
                    .containsEntry("ended", true);
            assertThat((String) call.get("outcome")).startsWith("completed by");
        });

        // Ending the session revokes the device account and stores a complete record.
        app.send("{\"type\":\"end\"}");
        assertThat(awaitType(app, "ended").path("voiceCalls").asInt()).isEqualTo(1);
        assertThat(realtime.queryForObject("select count(*) from ps_endpoints where id = ?", Integer.class,
                username)).isZero();
        await().atMost(WAIT).untilAsserted(() -> {
            sessionWrites.flush();
            assertThat(jdbc.queryForMap("select reason, voice_calls from session_end_record"
                    + " where session_id = ?::uuid", session)).containsEntry("reason", "customer")
                    .containsEntry("voice_calls", 1);
        });
        app.close();
        agents.logout("agent4");
    }

    private static JsonNode awaitType(SocketProbe app, String type) throws InterruptedException {
        JsonNode message = app.next();
        while (!message.path("type").asText().equals(type)) {
            message = app.next();
        }
        return message;
    }

    private static void awaitCall(SocketProbe app, String state) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode message = app.next();
        while (!(message.path("type").asText().equals("call") && message.path("state").asText().equals(state))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no call " + state + " message");
            }
            message = app.next();
        }
    }
}
