package io.dataivr.api.http.page;

import static io.dataivr.fixtures.AppClient.isCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.AgentCredentials;
import io.dataivr.fixtures.AppClient;
import io.dataivr.fixtures.DroppingProxy;
import io.dataivr.fixtures.HeadlessChromium;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.fixtures.SignIn;
import io.dataivr.signin.ConsoleUserStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.logging.LogEntry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The supervisor's wallboard in headless Chromium against the real adapter, Asterisk queue and baresip phones:
 * its counts match what happened. Two agents log in (the FIFO in order), one pauses (it leaves the FIFO, its
 * reason shown as text even when it looks like markup), the other too; a phone dials the queue and an app
 * customer asks for an agent (both wait, each with its origin and a running wait); the phone gives up; the app's
 * call is answered (today's answered moves) and ends; another app customer gives up (abandoned moves); the
 * CSV has both calls. The page says when its connection drops and shows the current state once it is back,
 * and says so when the sign-in expired. Only a supervisor (or the admin) signed in sees it; an agent gets 403.
 */
@IntegrationTest
class WallboardPageEndToEndTests {

    private static final String QUEUE = "support";
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;
    static final int DESKTOP_WIDTH = 1280;
    static final int DESKTOP_HEIGHT = 800;
    private static final String MARKUP = "<img src=x onerror=alert(1)>";

    @RegisterExtension
    static final PhonesOnQueue phones = PhonesOnQueue.on(QUEUE, "dataivr-wallboard-page")
            .agentPhone("agent3", "127.0.0.171", 1500)
            .agentPhone("agent6", "127.0.0.172", 1600)
            .customerPhone("customer1", "127.0.0.173", 530)  // dials the queue directly
            .customerPhone("customer2", "127.0.0.174", 540); // the app's phone

    static HeadlessChromium chromium;

    @LocalServerPort
    int port;
    @Autowired
    ConsoleUserStore users;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start(DESKTOP_WIDTH, DESKTOP_HEIGHT);
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theWallboardsCountsMatchWhatHappenedInTheQueue() throws Exception {
        phones.onlyAgentLoggedIn("agent3");
        phones.agents().login("agent6", QUEUE);
        SignIn.ensureTestSupervisor(users);
        try (DroppingProxy proxy = DroppingProxy.to(port)) {
            SignIn.asSupervisor(chromium.driver(), proxy.port());
            WallboardPage page = new WallboardPage(chromium.driver()).open(proxy.port(), "lang=en");
            await().atMost(WallboardPage.WAIT).untilAsserted(() ->
                    assertThat(page.fifo(QUEUE)).containsExactly("agent3", "agent6"));
            assertThat(page.textOf("title")).isEqualTo("Queue wallboard");
            assertThat(page.banner()).isEmpty();
            int offered = page.count(QUEUE, "offered");
            int answered = page.count(QUEUE, "answered");
            int abandoned = page.count(QUEUE, "abandoned");

            // The FIFO's head pauses (with a reason that looks like markup): it leaves the FIFO; the reason is text.
            phones.agents().pause("agent3", MARKUP);
            await().atMost(WallboardPage.WAIT).untilAsserted(() -> {
                assertThat(page.fifo(QUEUE)).containsExactly("agent6");
                assertThat(page.agentState(QUEUE, "agent3")).isEqualTo("Paused: " + MARKUP);
                assertThat(page.agentLink(QUEUE, "agent3")).as("the name opens the agent's console")
                        .endsWith("/agent/?agent=agent3");
            });
            assertThat(page.images()).isZero();
            phones.agents().pause("agent6", "meeting");
            await().atMost(WallboardPage.WAIT).untilAsserted(() -> assertThat(page.fifo(QUEUE)).isEmpty());

            // A phone dials the queue, then an app customer asks for an agent: both wait, with their origins.
            phones.phone("customer1").control().dial("sip:q-support@127.0.0.1");
            AppClient app = AppClient.open(port);
            try {
                await().atMost(WallboardPage.WAIT).untilAsserted(() ->
                        assertThat(page.waitingOrigins(QUEUE)).containsExactly("phone"));
                phones.phone("customer2").control().dial(app.askForAgent());
                app.next(m -> isCall(m, "queued"));
                await().atMost(WallboardPage.WAIT).untilAsserted(() -> {
                    assertThat(page.waitingOrigins(QUEUE)).containsExactly("phone", "app");
                    assertThat(page.waitingOriginLabels(QUEUE)).containsExactly("Phone", "App");
                    assertThat(page.waitingStat(QUEUE)).isEqualTo("2");
                    assertThat(page.count(QUEUE, "offered")).as("the app's call (the phone's is not a session's)")
                            .isEqualTo(offered + 1);
                });
                String firstWait = page.waitTimes(QUEUE).get(0);
                await().atMost(WallboardPage.WAIT).untilAsserted(() ->
                        assertThat(page.waitTimes(QUEUE).get(0)).as("the wait runs on").isNotEqualTo(firstWait));
                chromium.screenshot("wallboard-desktop-en");
                chromium.viewport(PHONE_WIDTH, PHONE_HEIGHT);
                chromium.screenshot("wallboard-phone-en");
                page.language("zh-CN");
                await().atMost(WallboardPage.WAIT).untilAsserted(() -> {
                    assertThat(page.textOf("title")).isEqualTo("队列监控大屏");
                    assertThat(page.waitingOriginLabels(QUEUE)).containsExactly("电话", "应用");
                });
                chromium.screenshot("wallboard-phone-zh-CN");
                chromium.viewport(DESKTOP_WIDTH, DESKTOP_HEIGHT);
                chromium.screenshot("wallboard-desktop-zh-CN");
                page.language("en");

                // The phone gives up; agent6 comes back and answers the app's call: answered moves.
                phones.phone("customer1").control().hangup();
                await().atMost(WallboardPage.WAIT).untilAsserted(() ->
                        assertThat(page.waitingOrigins(QUEUE)).containsExactly("app"));
                phones.agents().resume("agent6");
                phones.awaitTalking("agent6");
                app.next(m -> isCall(m, "talking"));
                await().atMost(WallboardPage.WAIT).untilAsserted(() -> {
                    assertThat(page.waitingOrigins(QUEUE)).isEmpty();
                    assertThat(page.agentStateCode(QUEUE, "agent6")).isEqualTo("TALKING");
                    assertThat(page.count(QUEUE, "answered")).isEqualTo(answered + 1);
                    assertThat(page.count(QUEUE, "offered")).isEqualTo(offered + 1);
                });
                phones.phone("agent6").control().hangup();
                app.next(m -> isCall(m, "ended"));
                await().atMost(WallboardPage.WAIT).untilAsserted(() -> {
                    assertThat(page.fifo(QUEUE)).containsExactly("agent6");
                    assertThat(page.figure(QUEUE, "averageHandle")).matches("\\d+:\\d\\d");
                });
            } finally {
                app.close();
            }

            // Another app customer waits and gives up: abandoned moves.
            phones.agents().pause("agent6", "meeting");
            AppClient leaving = AppClient.open(port);
            try {
                phones.phone("customer2").control().dial(leaving.askForAgent());
                leaving.next(m -> isCall(m, "queued"));
                await().atMost(WallboardPage.WAIT).untilAsserted(() ->
                        assertThat(page.waitingOrigins(QUEUE)).containsExactly("app"));
                leaving.client().hangup();
                leaving.next(m -> isCall(m, "ended"));
                await().atMost(WallboardPage.WAIT).untilAsserted(() -> {
                    assertThat(page.waitingOrigins(QUEUE)).isEmpty();
                    assertThat(page.count(QUEUE, "abandoned")).isEqualTo(abandoned + 1);
                    assertThat(page.count(QUEUE, "offered")).isEqualTo(offered + 2);
                });
            } finally {
                leaving.close();
            }

            // The CSV link is today's; the file has both calls, with their origins and outcomes.
            String today = LocalDate.now(ZoneId.systemDefault()).toString();
            assertThat(page.csvHref()).endsWith("/api/v1/reports/calls.csv?date=" + today);
            HttpResponse<String> csv = csv(today, SignIn.SUPERVISOR, SignIn.SUPERVISOR_PASSWORD);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv(today, "agent3", AgentCredentials.password("agent3")).statusCode()).as("an agent").isEqualTo(403);
            assertThat(csv(today, null, null).statusCode()).as("nobody signed in").isEqualTo(401);
            assertThat(csv.headers().firstValue("Content-Disposition")).hasValue(
                    "attachment; filename=\"dataivr-calls-" + today + ".csv\"");
            List<String> rows = csv.body().lines().toList();
            assertThat(rows.get(0)).startsWith("call_id,session_id,client_ref,queue,origin,");
            assertThat(rows).anyMatch(r -> r.contains(",app-") && r.contains(",support,app,")
                    && r.endsWith(",agent6,completed by agent,,")); // no disposition recorded
            assertThat(rows).anyMatch(r -> r.contains(",support,app,")
                    && (r.endsWith(",abandoned,,") || r.endsWith(",caller hung up,,")));

            // The connection drops: the page says so; meanwhile agent6 comes back; once reconnected it shows that.
            proxy.cut();
            await().atMost(WallboardPage.WAIT).untilAsserted(() ->
                    assertThat(page.banner()).startsWith("Disconnected from the server."));
            phones.agents().resume("agent6");
            proxy.restore();
            await().atMost(WallboardPage.WAIT).untilAsserted(() -> {
                assertThat(page.banner()).isEmpty();
                assertThat(page.fifo(QUEUE)).containsExactly("agent6");
            });

            // Signed out meanwhile (an expired session): after the next drop the page says to sign in again.
            SignIn.signOut(chromium.driver());
            proxy.cut();
            proxy.restore();
            await().atMost(WallboardPage.WAIT).untilAsserted(() ->
                    assertThat(page.banner()).isEqualTo("Your sign-in has expired. Sign in again"));
        }
        List<LogEntry> severe = chromium.consoleEntries().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                // the sign-in page asks /api/v1/me before anyone signed in; the page's reconnection attempts
                // while the test cuts the connection or after it signed out (no /favicon.ico: the page names its icon)
                .filter(entry -> !entry.getMessage().matches("(?s).*(/ws/v1/wallboard|/api/v1/wallboard|/api/v1/me|/logout).*"))
                .toList();
        assertThat(severe).as("errors in the browser console (a CSP violation, an uncaught exception)").isEmpty();
    }

    private HttpResponse<String> csv(String date, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/reports/calls.csv?date=" + date));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
