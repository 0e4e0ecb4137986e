package io.dataivr.api.http.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.AgentCredentials;
import io.dataivr.fixtures.DroppingProxy;
import io.dataivr.fixtures.HeadlessChromium;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.fixtures.WebRtcNamespace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * "Talk to an agent" on the customer page, against the real Asterisk, its queue and baresip desk
 * phones: the page shows each state the server pushes (requested, its place in the queue with the
 * estimated wait, talking with the agent), keeps browsing during the call (the agent's screen shows
 * it, claims 4-5), keeps the call over a dropped connection, hangs up and leaves the queue.
 *
 * <p>The page places the call itself over WebRTC (the voice message's {@code sip.wsUrl}), from
 * Chromium in a network namespace of the test's own, as in CustomerPageCallEndToEndTests (which checks
 * the audio, the hang-ups and a vanished browser).
 */
@IntegrationTest
class CustomerPageQueueEndToEndTests {

    private static final String QUEUE = "support";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final PhonesOnQueue phones = PhonesOnQueue.on(QUEUE, "dataivr-page-calls")
            .agentPhone("agent4", "127.0.0.111", 1100)
            .customerPhone("customer1", "127.0.0.112", 450); // a caller dialling the queue directly

    static HeadlessChromium chromium;
    static WebRtcNamespace namespace;
    CustomerPage page;

    @LocalServerPort
    int port;

    @AfterAll
    static void stopBrowser() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            chromium = null;
            if (namespace != null) {
                namespace.close();
                namespace = null;
            }
        }
    }

    @BeforeEach
    void freshPage() throws Exception {
        if (namespace == null) {
            namespace = WebRtcNamespace.up(15, port, WebRtcNamespace.SIP_WEBSOCKET_PORT);
            Path tone = WebRtcNamespace.toneFile(Files.createTempDirectory("dataivr-page-tone"), 470, 10);
            chromium = HeadlessChromium.start(CustomerPageBrowserIntegrationTests.PHONE_WIDTH,
                    CustomerPageBrowserIntegrationTests.PHONE_HEIGHT, namespace.chromium(),
                    List.of("--use-file-for-fake-audio-capture=" + tone, "--autoplay-policy=no-user-gesture-required"));
        }
        chromium.viewport(CustomerPageBrowserIntegrationTests.PHONE_WIDTH, CustomerPageBrowserIntegrationTests.PHONE_HEIGHT);
        page = new CustomerPage(chromium.driver());
    }

    @Test
    void theCustomerTalksWithTheIdleAgentBrowsesDuringTheCallKeepsItOverADroppedConnectionAndHangsUp()
            throws Exception {
        phones.onlyAgentLoggedIn("agent4");
        try (DroppingProxy proxy = DroppingProxy.to(port)) {
            namespace.forward(proxy.port());
            page.open(proxy.port(), "lang=en").awaitHeading("Telecom service");
            String session = page.sessionId();

            page.choose("0");
            page.awaitCallState("You are talking with agent4.");
            assertThat(page.element("language").isEnabled()).as("no language switch during a call").isFalse();
            phones.awaitTalking("agent4");
            assertThat(page.textOf("hangup")).isEqualTo("Hang up");
            assertThat(page.textOf("call-hint")).isEqualTo("You can keep browsing: the agent sees what you look at.");

            // Claims 4-5: what the customer browses during the call reaches the agent's screen.
            page.choose("2").awaitHeading("Plans and data");
            page.choose("2").awaitAnswer("Turn roaming on before you travel; prices depend on the destination.");
            await().atMost(CustomerPage.WAIT).untilAsserted(() -> {
                JsonNode caller = screenOf("agent4").path("caller");
                assertThat(caller.path("session").asText()).isEqualTo(session);
                assertThat(caller.path("viewing").path("path").toString()).isEqualTo("[\"2\",\"2\"]");
                assertThat(caller.path("viewing").path("kind").asText()).isEqualTo("content");
                assertThat(caller.path("path").findValuesAsText("duringCall")).contains("true");
            });
            chromium.viewport(CustomerPageBrowserIntegrationTests.DESKTOP_WIDTH,
                    CustomerPageBrowserIntegrationTests.DESKTOP_HEIGHT);
            chromium.screenshot("app-desktop-talking-en");

            // The page's connection drops mid-call: it says so, resumes, and still shows the call.
            proxy.cut();
            await().atMost(CustomerPage.WAIT).untilAsserted(() ->
                    assertThat(page.banner()).startsWith("Connection lost. Reconnecting…"));
            proxy.restore();
            page.awaitHeading("Plans and data");
            page.awaitCallState("You are talking with agent4.");
            assertThat(page.sessionId()).isEqualTo(session);

            page.click("hangup");
            page.awaitCallState("The call has ended.");
            phones.awaitIdle("agent4");
            assertThat(page.shown("hangup")).isFalse();
            assertThat(page.element("language").isEnabled()).isTrue();
            assertThat(page.problem()).isEmpty();
        }
    }

    @Test
    void withTheOnlyAgentBusyTheCustomerSeesItsPlaceAndWaitAndLeavesTheQueue() throws Exception {
        phones.onlyAgentLoggedIn("agent4");
        phones.phone("customer1").control().dial("sip:q-support@127.0.0.1");
        phones.awaitTalking("agent4");

        page.open(port, "lang=en").awaitHeading("Telecom service");
        page.choose("0");
        page.awaitCallState("You are number 1 in the queue.");
        assertThat(page.textOf("call-wait")).matches("Estimated wait: (about \\d+ min|less than a minute)\\.");
        assertThat(page.textOf("hangup")).isEqualTo("Leave the queue");
        chromium.screenshot("app-phone-queued-en");

        // Browsing while waiting.
        page.choose("1").awaitAnswer("Your balance is 58.20 CNY; you have used 41.80 CNY this month.");
        assertThat(page.callState()).isEqualTo("You are number 1 in the queue.");

        page.click("hangup");
        page.awaitCallState("You left the queue.");

        phones.phone("agent4").control().hangup();
        phones.awaitIdle("agent4");

        page.click("end");
        await().atMost(CustomerPage.WAIT).until(() -> page.shown("finished"));
        assertThat(page.textOf("finished-text")).isEqualTo("Session ended. Choices: 2, answers: 1, calls: 1.");
    }

    private JsonNode screenOf(String agent) throws Exception {
        HttpResponse<String> screen = HTTP.send(AgentCredentials.request(
                URI.create("http://127.0.0.1:" + port + "/api/v1/agents/" + agent + "/screen"), agent).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(screen.statusCode()).as(screen.body()).isEqualTo(200);
        return JSON.readTree(screen.body());
    }
}
