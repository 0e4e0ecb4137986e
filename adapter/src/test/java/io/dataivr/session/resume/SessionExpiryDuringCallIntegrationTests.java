package io.dataivr.session.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.fixtures.SocketProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The app loses its IP channel during a call and never resumes: when the session expires (the test
 * profile's grace is 3 s) its call is hung up, the agent is back at the FIFO's tail in Asterisk and
 * Redis, and the call and session records are closed. Real Asterisk, PostgreSQL, Redis and phones.
 */
@IntegrationTest
class SessionExpiryDuringCallIntegrationTests {

    @RegisterExtension
    static final PhonesOnQueue phones = PhonesOnQueue.on("support", "dataivr-expiry")
            .agentPhone("agent5", "127.0.0.35", 1200)
            .customerPhone("customer2", "127.0.0.46", 480);

    @LocalServerPort
    int port;

    @Test
    void aSessionWhoseChannelIsLostDuringACallHangsItUpWhenItExpiresAndTheAgentGoesBackToTheTail()
            throws Exception {
        phones.onlyAgentLoggedIn("agent5");

        SocketProbe app = SocketProbe.open(port);
        String session = app.consultAsDemo("expiry-during-call");
        app.send("{\"type\":\"choose\",\"key\":\"0\"}");
        JsonNode voice = app.nextOfType("voice");
        phones.phone("customer2").control().dial(voice.path("dial").asText());
        phones.awaitTalking("agent5");
        assertThat(phones.membership().members("support")).isEmpty();

        app.drop(); // the phone loses its network; nobody resumes the session

        phones.phone("agent5").control().awaitEvent("CALL_CLOSED", PhonesOnQueue.WAIT);
        phones.awaitIdle("agent5");
        await().atMost(PhonesOnQueue.WAIT).untilAsserted(() -> {
            assertThat(phones.storedRow("select reason, voice_calls from session_end_record where session_id = ?::uuid",
                    session)).containsEntry("reason", "expired").containsEntry("voice_calls", 1);
            assertThat(phones.storedRow("select agent, answered_at is not null as answered,"
                    + " ended_at is not null as ended from voice_call where session_id = ?::uuid", session))
                    .containsEntry("agent", "agent5").containsEntry("answered", true).containsEntry("ended", true);
        });
    }
}
