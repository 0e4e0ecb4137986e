package io.dataivr.session.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.fixtures.SipRegisterCapture;
import io.dataivr.fixtures.SocketProbe;
import io.dataivr.sdk.terminal.TerminalClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The {@code call} messages a real app sees on the real stack are the call state machine's transitions
 * (docs/protocol.md, "Call states"): {@code requested} when it asks, its first {@code queued} at its real
 * place with an estimate or the reason there is none, {@code call ended} (who, why) before the session's
 * {@code ended}; and the SDK's terminal client leaves no REGISTER storm behind when it ends.
 */
@IntegrationTest
class CallMessagesIntegrationTests {

    private static final String QUEUE = "support";
    private static final String DEVICE_ADDRESS = "127.0.0.96";

    @RegisterExtension
    static final PhonesOnQueue phones = PhonesOnQueue.on(QUEUE, "dataivr-call-messages")
            .agentPhone("agent4", "127.0.0.94", 1100)
            .customerPhone("customer2", "127.0.0.95", 460); // the app's phone (a demo account: any request)

    @LocalServerPort
    int port;

    @Test
    void theAppIsToldRequestedThenItsRealPlaceWithAnEstimateThenTheEndOfTheCall() throws Exception {
        phones.onlyAgentLoggedIn("agent4");
        SocketProbe app = SocketProbe.open(port);
        try {
            app.consultAsDemo("call-messages-queued");
            app.send("{\"type\":\"choose\",\"key\":\"0\"}");
            JsonNode requested = app.next();
            assertThat(requested.path("type").asText()).isEqualTo("call");
            assertThat(requested.path("state").asText()).isEqualTo("requested");
            JsonNode voice = app.next();
            assertThat(voice.path("type").asText()).isEqualTo("voice");
            assertThat(requested.path("request").asText()).isEqualTo(voice.path("request").asText());

            phones.phone("customer2").control().dial(voice.path("dial").asText());
            JsonNode queued = app.next();
            assertThat(queued.path("state").asText()).as("the first message after requested").isEqualTo("queued");
            assertThat(queued.path("position").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(queued.path("estimatedWaitSeconds").asInt()).isPositive();
            assertThat(app.next().path("state").asText()).isEqualTo("ringing");
            assertThat(app.next().path("state").asText()).isEqualTo("talking");
            phones.awaitTalking("agent4");

            phones.phone("agent4").control().hangup();
            JsonNode ended = app.nextCall("ended");
            assertThat(ended.path("endedBy").asText()).isEqualTo("agent");
            assertThat(ended.path("reason").asText()).isEqualTo("COMPLETED");
            phones.awaitIdle("agent4");
        } finally {
            app.close();
        }
    }

    @Test
    void withEveryAgentPausedTheQueuedCallSaysWhyItHasNoEstimate() throws Exception {
        phones.onlyAgentLoggedIn("agent4");
        phones.agents().pause("agent4", "lunch");
        SocketProbe app = SocketProbe.open(port);
        try {
            app.consultAsDemo("call-messages-paused");
            app.send("{\"type\":\"choose\",\"key\":\"0\"}");
            phones.phone("customer2").control().dial(app.nextOfType("voice").path("dial").asText());

            JsonNode queued = app.nextCall("queued");
            assertThat(queued.path("position").asInt()).isEqualTo(1);
            assertThat(queued.has("estimatedWaitSeconds")).isTrue();
            assertThat(queued.path("estimatedWaitSeconds").isNull()).isTrue();
            assertThat(queued.path("reason").asText()).isEqualTo("NO_AGENT_AVAILABLE");

            app.send("{\"type\":\"hangup\"}");
            JsonNode ended = app.nextCall("ended");
            assertThat(ended.path("endedBy").asText()).isEqualTo("customer");
            assertThat(ended.path("reason").asText()).isEqualTo("GAVE_UP");
            phones.phone("customer2").control().awaitEvent("CALL_CLOSED", PhonesOnQueue.WAIT);
        } finally {
            phones.agents().resume("agent4");
            app.close();
        }
    }

    @Test
    void endingTheSessionDuringACallPushesCallEndedThenEndedAndFreesTheAgent() throws Exception {
        phones.onlyAgentLoggedIn("agent4");
        SocketProbe app = SocketProbe.open(port);
        try {
            app.consultAsDemo("call-messages-end");
            app.send("{\"type\":\"choose\",\"key\":\"0\"}");
            phones.phone("customer2").control().dial(app.nextOfType("voice").path("dial").asText());
            app.nextCall("talking");
            phones.awaitTalking("agent4");

            app.send("{\"type\":\"end\"}");
            JsonNode callEnded = app.next();
            assertThat(callEnded.path("type").asText()).isEqualTo("call");
            assertThat(callEnded.path("state").asText()).isEqualTo("ended");
            assertThat(callEnded.path("endedBy").asText()).isEqualTo("customer");
            assertThat(callEnded.path("reason").asText()).isEqualTo("SESSION_ENDED");
            JsonNode ended = app.next();
            assertThat(ended.path("type").asText()).isEqualTo("ended");
            assertThat(ended.path("voiceCalls").asInt()).isEqualTo(1);

            phones.phone("agent4").control().awaitEvent("CALL_CLOSED", PhonesOnQueue.WAIT);
            phones.awaitIdle("agent4");
        } finally {
            app.close();
        }
    }

    @Test
    void theTerminalClientReleasesItsDeviceAccountBeforeEndingSoNoRegisterIsRefusedAfterwards() throws Exception {
        phones.onlyAgentLoggedIn("agent4");
        SipPhoneProcess device = phones.closedAfterAll(
                SipPhoneProcess.startWithoutAccount("call-messages-device", DEVICE_ADDRESS, 470, phones.work()));
        device.releaseControl();
        try (SipRegisterCapture sip = SipRegisterCapture.start(DEVICE_ADDRESS, phones.work())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CompletableFuture<Integer> client = CompletableFuture.supplyAsync(() -> TerminalClient.run(new String[] {
                    "--url", "ws://127.0.0.1:" + port + "/ws/v1/consultation", "--client", "register-storm",
                    "--lang", "en", "--sip-ctrl", DEVICE_ADDRESS + ":4444", "--choose", "0", "--json",
                    "--timeout", "60"}, new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream())));
            phones.awaitTalking("agent4");
            phones.phone("agent4").control().hangup();
            assertThat(client.get(60, java.util.concurrent.TimeUnit.SECONDS)).as(out.toString(StandardCharsets.UTF_8))
                    .isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"type\":\"ended\"");

            // The account was registered, dropped while the session still held it, then revoked: from then
            // on the phone has nothing to say to Asterisk. A storm would have started within a second.
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                    .until(() -> sip.refusedAfterLastAccepted() == 0);
            System.out.printf("terminal client's device account: REGISTER exchanges %s%n", sip.registerExchanges());
            assertThat(sip.registerExchanges()).as("the device's REGISTERs and their answers").contains("200")
                    .filteredOn("REGISTER"::equals).hasSizeLessThanOrEqualTo(4);
        }
        phones.awaitIdle("agent4");
    }
}
