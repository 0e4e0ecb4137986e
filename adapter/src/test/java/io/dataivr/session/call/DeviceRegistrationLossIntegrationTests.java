package io.dataivr.session.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.agent.AgentState;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.fixtures.SocketProbe;
import io.dataivr.store.pg.PjsipRealtimeProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    private static final String DEVICE_ADDRESS = "127.0.0.81";

    @RegisterExtension
    static final PhonesOnQueue phones = PhonesOnQueue.on("support", "dataivr-device-loss")
            .agentPhone("agent4", "127.0.0.38", 1100);

    @LocalServerPort
    int port;
    @Autowired
    PjsipRealtimeProperties realtimeProperties;

    @Test
    void aDevicePhoneKilledMidCallEndsTheCallTheAgentGoesBackToTheTailAndTheSessionStaysAtItsMenu()
            throws Exception {
        phones.onlyAgentLoggedIn("agent4");
        JdbcTemplate realtime = new JdbcTemplate(new DriverManagerDataSource(realtimeProperties.url(),
                realtimeProperties.username(), realtimeProperties.password()));

        SocketProbe app = SocketProbe.open(port);
        String session = app.consultAsDemo("device-loss");
        app.send("{\"type\":\"choose\",\"key\":\"0\"}");
        JsonNode voice = app.nextOfType("voice");
        String username = voice.path("sip").path("username").asText();
        assertThat(realtime.queryForObject("select qualify_frequency from ps_aors where id = ?", Integer.class,
                username)).isEqualTo(5);
        SipPhoneProcess device = phones.closedAfterAll(SipPhoneProcess.start(username,
                voice.path("sip").path("password").asText(), DEVICE_ADDRESS, 440, false, phones.work()));

        device.control().dial(voice.path("dial").asText());
        phones.awaitTalking("agent4");
        app.nextCall("talking");
        phones.awaitIdle();

        long killed = System.nanoTime();
        device.kill();

        phones.phone("agent4").control().awaitEvent("CALL_CLOSED", Duration.ofSeconds(20));
        long agentFreed = System.nanoTime();
        System.out.printf("device phone killed mid-call: the agent's call closed %d ms later (qualify every 5 s)%n",
                (agentFreed - killed) / 1_000_000);
        phones.awaitIdle("agent4");
        assertThat(phones.agents().state("agent4")).isEqualTo(AgentState.IDLE);
        app.nextCall("ended");

        // The session is back at its menu: the customer goes on browsing.
        app.send("{\"type\":\"choose\",\"key\":\"1\"}");
        assertThat(app.nextOfType("content").path("text").asText()).startsWith("Your balance");
        await().atMost(PhonesOnQueue.WAIT).untilAsserted(() -> {
            Map<String, Object> call = phones.storedRow("select agent, answered_at is not null as answered,"
                    + " ended_at is not null as ended, outcome from voice_call where session_id = ?::uuid", session);
            assertThat(call).containsEntry("agent", "agent4").containsEntry("answered", true)
                    .containsEntry("ended", true);
            assertThat((String) call.get("outcome")).startsWith("completed by");
        });

        // Ending the session revokes the device account and stores a complete record.
        app.send("{\"type\":\"end\"}");
        assertThat(app.nextOfType("ended").path("voiceCalls").asInt()).isEqualTo(1);
        assertThat(realtime.queryForObject("select count(*) from ps_endpoints where id = ?", Integer.class,
                username)).isZero();
        await().atMost(PhonesOnQueue.WAIT).untilAsserted(() -> {
            assertThat(phones.storedRow("select reason, voice_calls from session_end_record"
                    + " where session_id = ?::uuid", session)).containsEntry("reason", "customer")
                    .containsEntry("voice_calls", 1);
        });
        app.close();
        phones.agents().logout("agent4");
    }
}
