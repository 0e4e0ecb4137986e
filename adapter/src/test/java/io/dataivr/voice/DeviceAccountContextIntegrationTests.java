package io.dataivr.voice;

import io.dataivr.fixtures.TestAmi;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.AmiProbe;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.fixtures.SocketProbe;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.DbPutAction;
import org.asteriskjava.manager.action.FilterAction;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13, item 6a: an app's device account reaches nothing but its own one-time voice link. A real
 * baresip phone registered with a device account the adapter provisioned (the session's voice
 * request) dials what the test dialplan offers other callers — the softphones' direct dial
 * {@code q-support} and the floor benchmark's AstDB link {@code vd-…} (with a link written for this very
 * account) — and is refused each time: the call is rejected, no caller joins a queue and the idle
 * agent's phone never rings. It also dials another session's voice link (whose AstDB entry names that
 * session's own device account): refused (403, cause 21) without taking the link, which stays in
 * Asterisk's database for its owner. The same phone's own link ({@code vr-…}) then reaches the agent, so
 * the refusals are the dialplan's doing, not a phone that cannot call.
 */
@IntegrationTest
class DeviceAccountContextIntegrationTests {

    private static final String DEVICE_ADDRESS = "127.0.0.93";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final PhonesOnQueue phones = PhonesOnQueue.on("support", "dataivr-device-context")
            .agentPhone("agent5", "127.0.0.94", 900);

    @LocalServerPort
    int port;

    @Test
    void aDeviceAccountCannotEnterAQueueExceptThroughItsOwnVoiceLink() throws Exception {
        phones.onlyAgentLoggedIn("agent5");
        List<String> joined = new CopyOnWriteArrayList<>();
        ManagerConnection ami = TestAmi.factory()
                .createManagerConnection();
        ami.addEventListener(event -> {
            if (event instanceof QueueCallerJoinEvent join) {
                joined.add(join.getChannel());
            }
        });
        ami.login();
        ami.sendAction(new FilterAction("^Event: QueueCallerJoin[[:space:]]"), 5_000);
        try (SocketProbe app = SocketProbe.open(port)) {
            String session = app.consultAsDemo("device-context");
            app.send("{\"type\":\"choose\",\"key\":\"0\"}");
            JsonNode voice = app.nextOfType("voice");
            String username = voice.path("sip").path("username").asText();
            SipPhoneProcess device = phones.closedAfterAll(SipPhoneProcess.start(username,
                    voice.path("sip").path("password").asText(), DEVICE_ADDRESS, 440, false, phones.work()));
            SipPhoneProcess agent = phones.phone("agent5");

            String astdbLink = "vd-" + UUID.randomUUID();
            AmiProbe.send(new DbPutAction("dataivr-link", astdbLink, session + ":support:" + username));
            for (String exten : List.of("q-support", astdbLink)) {
                int deviceEvents = device.control().events().size();
                int agentEvents = agent.control().events().size();
                device.control().dial("sip:" + exten + "@127.0.0.1");
                JsonNode refused = device.control().awaitEventAfter(deviceEvents,
                        e -> "CALL_CLOSED".equals(e.path("type").asText()), WAIT);
                System.out.printf("device account dialling %s: %s%n", exten, refused.path("param").asText());
                assertThat(refused.path("param").asText()).as("why " + exten + " was refused").contains("404");
                assertThat(device.control().eventCount("CALL_ESTABLISHED")).as(exten + " answered").isZero();
                assertThat(joined).as("callers that joined a queue after dialling " + exten).isEmpty();
                assertThat(agent.control().events()).as("agent phone events after " + exten).hasSize(agentEvents);
            }

            // Another session's link: a foreign device is refused, and the link is left to its owner.
            try (SocketProbe other = SocketProbe.open(port)) {
                other.consultAsDemo("device-context-other");
                other.send("{\"type\":\"choose\",\"key\":\"0\"}");
                JsonNode otherVoice = other.nextOfType("voice");
                String otherKey = otherVoice.path("request").asText();
                assertThat(VoiceLinkDialplanIntegrationTests.stored(otherKey)).as("the other session's link " + otherKey)
                        .isNotNull();
                int deviceEvents = device.control().events().size();
                device.control().dial(otherVoice.path("dial").asText());
                JsonNode refused = device.control().awaitEventAfter(deviceEvents,
                        e -> "CALL_CLOSED".equals(e.path("type").asText()), WAIT);
                System.out.printf("device account dialling another session's link: %s%n",
                        refused.path("param").asText());
                assertThat(refused.path("param").asText()).as("why the foreign link was refused").contains("403");
                assertThat(device.control().eventCount("CALL_ESTABLISHED")).isZero();
                assertThat(joined).as("callers that joined a queue after the foreign link").isEmpty();
                assertThat(VoiceLinkDialplanIntegrationTests.stored(otherKey)).as("left to its owner").isNotNull();
                other.send("{\"type\":\"end\"}");
                other.nextOfType("ended");
                assertThat(VoiceLinkDialplanIntegrationTests.stored(otherKey)).as("closed as its session ended").isNull();
            }

            // The same phone's own link still leads to the agent.
            device.control().dial(voice.path("dial").asText());
            phones.awaitTalking("agent5");
            assertThat(joined).singleElement().asString().startsWith("PJSIP/" + username + "-");
            device.control().hangup();
            app.nextCall("ended");
            app.send("{\"type\":\"end\"}");
            app.nextOfType("ended");
        } finally {
            ami.logoff();
            phones.agents().logout("agent5");
        }
    }
}
