package io.dataivr.session.consult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.RestSessions;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.session.SessionProperties;
import io.dataivr.session.device.SipAccountStore;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A session opened over REST, in a call, gets no more requests: when its idle timeout is over (time
 * is moved for the sweep instead of waiting 30 minutes) it ends exactly like an unresumed WebSocket
 * session — the call is hung up, the agent is back at the FIFO's tail in Asterisk and Redis, the
 * device account is revoked, the records are closed — and the next request gets SESSION_EXPIRED.
 * Real Asterisk, PostgreSQL, Redis and phones.
 */
@IntegrationTest
class RestSessionExpiryDuringCallIntegrationTests {

    @RegisterExtension
    static final PhonesOnQueue phones = PhonesOnQueue.on("support", "dataivr-rest-expiry")
            .agentPhone("agent5", "127.0.0.35", 1200)
            .customerPhone("customer2", "127.0.0.46", 480);

    @Autowired
    TestRestTemplate http;
    @Autowired
    ConnectionlessSessions connectionless;
    @Autowired
    SessionProperties properties;
    @Autowired
    Clock clock;
    @Autowired
    SipAccountStore sipAccounts;

    @Test
    void anIdleRestSessionInACallExpiresWithItsCallAndTheNextRequestIsGone() throws Exception {
        phones.onlyAgentLoggedIn("agent5");

        RestSessions rest = new RestSessions(http);
        String session = rest.open(Map.of("language", "en", "client", "rest-expiry-during-call"));
        JsonNode voice = rest.choose(session, "0").getBody();
        assertThat(voice.path("type").asText()).isEqualTo("voice");
        String deviceAccount = voice.path("sip").path("username").asText();
        assertThat(sipAccounts.isLive(deviceAccount)).isTrue();
        phones.phone("customer2").control().dial(voice.path("dial").asText());
        phones.awaitTalking("agent5");

        // no request for longer than the idle timeout: the sweep runs as if that time had passed
        assertThat(connectionless.expireIdleAsOf(clock.instant().plus(properties.restIdleTimeout())))
                .contains(UUID.fromString(session));

        phones.phone("agent5").control().awaitEvent("CALL_CLOSED", PhonesOnQueue.WAIT);
        phones.awaitIdle("agent5");
        assertThat(sipAccounts.isLive(deviceAccount)).isFalse();
        await().atMost(PhonesOnQueue.WAIT).untilAsserted(() -> {
            assertThat(phones.storedRow("select reason, voice_calls from session_end_record where session_id = ?::uuid",
                    session)).containsEntry("reason", "expired").containsEntry("voice_calls", 1);
            assertThat(phones.storedRow("select answered_at is not null as answered, ended_at is not null as ended"
                    + " from voice_call where session_id = ?::uuid", session)).containsEntry("answered", true)
                    .containsEntry("ended", true);
        });
        ResponseEntity<JsonNode> late = rest.send(HttpMethod.GET, session, "/menu", null);
        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(late.getBody().path("code").asText()).isEqualTo("SESSION_EXPIRED");
    }
}
