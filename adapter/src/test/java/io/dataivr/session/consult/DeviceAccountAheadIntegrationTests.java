package io.dataivr.session.consult;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.fixtures.RestSessions;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.fixtures.SocketProbe;
import io.dataivr.sdk.ClientListener;
import io.dataivr.sdk.ClientOptions;
import io.dataivr.sdk.DataIvrClient;
import io.dataivr.sdk.ServerMessage;
import io.dataivr.sdk.sip.SipAccount;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13, tap → ring: the device account comes with the session when the app's SIP phone asks for it
 * ({@code consult}/{@code POST /api/v1/sessions} with {@code sipAccount}), so the phone registers while the
 * customer browses and a voice request only dials. A real baresip phone driven by the SDK (the phone in its
 * options) registers as the session opens; the tap's {@code voice} answer carries the same account, and its
 * one-time link reaches the agent.
 */
@IntegrationTest
class DeviceAccountAheadIntegrationTests {

    @RegisterExtension
    static final PhonesOnQueue phones = PhonesOnQueue.on("support", "dataivr-account-ahead")
            .agentPhone("agent6", "127.0.0.143", 650);

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;

    @Test
    void theAccountAskedForWithTheSessionIsGivenOnBothFacesAndOnlyWhenAsked() throws Exception {
        try (SocketProbe app = SocketProbe.open(port)) {
            app.send("{\"type\":\"consult\",\"language\":\"en\",\"client\":\"ahead-ws\",\"sipAccount\":true}");
            JsonNode session = app.nextOfType("session");
            String username = session.path("sip").path("username").asText();
            assertThat(username).startsWith("dev-");
            assertThat(session.path("sip").path("password").asText()).hasSize(24);
            app.send("{\"type\":\"choose\",\"key\":\"0\"}");
            JsonNode voice = app.nextOfType("voice");
            assertThat(voice.path("sip").path("username").asText()).isEqualTo(username);
            assertThat(voice.path("sip").path("expires").asText()).isEqualTo(session.path("sip").path("expires").asText());
            app.send("{\"type\":\"end\"}");
            app.nextOfType("ended");
        }
        try (SocketProbe app = SocketProbe.open(port)) {
            app.send("{\"type\":\"consult\",\"language\":\"en\",\"client\":\"not-ahead\"}");
            assertThat(app.nextOfType("session").has("sip")).isFalse();
            app.send("{\"type\":\"end\"}");
            app.nextOfType("ended");
        }
        RestSessions rest = new RestSessions(http);
        JsonNode opened = rest.start(Map.of("language", "en", "client", "ahead-rest", "sipAccount", true)).getBody();
        assertThat(opened.path("session").path("sip").path("username").asText()).startsWith("dev-");
        JsonNode plain = rest.start(Map.of("language", "en", "client", "plain-rest")).getBody();
        assertThat(plain.path("session").has("sip")).isFalse();
        rest.end(opened.path("session").path("session").asText());
        rest.end(plain.path("session").path("session").asText());
    }

    @Test
    void aPhoneThatRegisteredAsTheSessionOpenedOnlyDialsWhenTheCustomerTaps() throws Exception {
        phones.onlyAgentLoggedIn("agent6");
        SipPhoneProcess device = phones.closedAfterAll(SipPhoneProcess.startWithoutAccount("ahead-device",
                "127.0.0.144", 440, phones.work()));
        CompletableFuture<ServerMessage.Voice> voice = new CompletableFuture<>();
        CompletableFuture<ServerMessage.Call> talking = new CompletableFuture<>();
        ClientListener listener = message -> {
            if (message instanceof ServerMessage.Voice v) {
                voice.complete(v);
            } else if (message instanceof ServerMessage.Call call && "talking".equals(call.state)) {
                talking.complete(call);
            }
        };
        try (DataIvrClient client = DataIvrClient.connect("ws://127.0.0.1:" + port + "/ws/v1/consultation", listener,
                new ClientOptions().sipPhone(device.control()))) {
            client.opened().get(10, TimeUnit.SECONDS);
            ServerMessage.Session session = client.consult(null, "en", "ahead-phone").get(10, TimeUnit.SECONDS);
            SipAccount registered = client.registeredAhead().get(20, TimeUnit.SECONDS);
            assertThat(registered).isEqualTo(session.sipAccount);
            assertThat(device.control().registeredAccount()).as("the phone's account before any tap")
                    .isEqualTo(session.sipAccount);

            int eventsBefore = device.control().events().size();
            client.choose("0");
            ServerMessage.Voice answer = voice.get(10, TimeUnit.SECONDS);
            assertThat(answer.sipAccount()).isEqualTo(registered);
            device.control().register(answer.sipAccount()); // what an app does at the voice answer: nothing now
            device.control().dial(answer.dial);
            phones.awaitTalking("agent6");
            assertThat(talking.get(20, TimeUnit.SECONDS).agent).isEqualTo("agent6");
            assertThat(device.control().events().subList(eventsBefore, device.control().events().size()))
                    .as("the phone's events between the tap and the answer")
                    .noneMatch(e -> e.path("type").asText().startsWith("REGISTER"));

            device.control().hangup();
            client.end().get(10, TimeUnit.SECONDS);
        } finally {
            phones.agents().logout("agent6");
        }
    }
}
