package io.dataivr.api.http.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.IntegrationTest;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.AgentState;
import io.dataivr.agent.FifoReconciler;
import io.dataivr.agent.QueueMembership;
import io.dataivr.fixtures.AppClient;
import io.dataivr.fixtures.DroppingProxy;
import io.dataivr.fixtures.EmptyQueue;
import io.dataivr.fixtures.HeadlessChromium;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.fixtures.QueueMembers;
import io.dataivr.fixtures.SignIn;
import io.dataivr.fixtures.TestAmi;
import io.dataivr.menu.MenuService;
import io.dataivr.signin.ConsoleUserStore;
import io.dataivr.voice.AmiGateway;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.asteriskjava.manager.ManagerConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 15 item 2 end to end: the agent console in headless Chromium against the real adapter, Asterisk,
 * PostgreSQL, Redis and baresip phones. The agent signs in, logs in to {@code support} on the console; a
 * customer (the SDK's client and a baresip phone) who browsed the menu (a label holding markup included)
 * asks for an agent; the console shows the call ringing with the caller's path, then talking; what the
 * customer browses during the call shows within 1 s, marked so; the customer hangs up, the console shows
 * wrap-up with the disposition form, the agent records the outcome and ends wrap-up, idle again; a pause
 * with a reason takes the agent out of Asterisk's queue; the page survives its connection dropping
 * (banner, reconnect, the current state); another agent's console is refused (403). The browser reaches
 * the adapter through a proxy the test can cut.
 */
@IntegrationTest
class AgentConsoleEndToEndTests {

    private static final String QUEUE = "support";
    private static final String AGENT = "console1";
    private static final String XSS = "<img src=x onerror=alert(1)>";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MENU = """
            menu: console-e2e
            languages: [en, zh-CN]
            title: {en: Console test, zh-CN: 座席测试}
            items:
              - key: "1"
                label: {en: "%1$s", zh-CN: "%1$s"}
                content: {en: Shown as text, zh-CN: 显示为文本}
              - key: "2"
                label: {en: Plans, zh-CN: 套餐}
                items:
                  - key: "1"
                    label: {en: Data packs, zh-CN: 流量包}
                    content: {en: 10 GB a month, zh-CN: 每月10GB}
              - key: "0"
                label: {en: Talk to an agent, zh-CN: 人工服务}
                voice: support
            """.formatted(XSS);

    @RegisterExtension
    static PhonesOnQueue phones = PhonesOnQueue.on(QUEUE, "dataivr-console-e2e")
            .agentPhoneAnsweredByHand(AGENT, "127.0.0.151", 750)
            .customerPhone("customer1", "127.0.0.152", 440);

    @LocalServerPort
    int port;
    @Autowired
    AgentService agents;
    @Autowired
    FifoReconciler reconciler;
    @Autowired
    QueueMembership membership;
    @Autowired
    AmiGateway ami;
    @Autowired
    MenuService menus;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConsoleUserStore users;

    @Test
    void anAgentServesACallFromTheConsoleAndSeesTheCallersPathLive() throws Exception {
        await().atMost(WAIT).until(ami::connected);
        loggedOut();
        menus.importIfChanged(MENU.getBytes(StandardCharsets.UTF_8));
        String client = "console-user-" + UUID.randomUUID();
        try (AppClient earlier = AppClient.open(port, "console-e2e", "en", client)) { // an earlier session
            earlier.client().choose("2").get();
            earlier.client().choose("1").get();
            earlier.client().end().get();
        }
        ManagerConnection probe = TestAmi.factory().createManagerConnection();
        probe.login("off");
        try (DroppingProxy proxy = DroppingProxy.to(port);
                HeadlessChromium chromium = HeadlessChromium.start(1280, 800)) {
            AgentConsolePage page = new AgentConsolePage(chromium.driver(), proxy.port());
            SignIn.asAgent(chromium.driver(), proxy.port(), AGENT);
            assertThat(chromium.driver().getCurrentUrl()).endsWith("/agent/");
            page.awaitState("LOGGED_OUT");
            chromium.driver().executeScript("window.__alerted = false; window.alert = () => { window.__alerted = true; };");

            // Log in to support from the console: the agent joins Asterisk's queue.
            page.logInTo(QUEUE);
            page.awaitState("IDLE");
            phones.awaitIdle(AGENT);
            assertThat(QueueMembers.names(probe, QUEUE)).containsExactly(AGENT);
            await().atMost(Duration.ofSeconds(3)).until(() -> page.textOf("state-time").matches(".*0:0[1-9].*"));

            // A customer who looked at the markup label asks for an agent: the console shows the call ringing.
            try (AppClient app = AppClient.open(port, "console-e2e", "en", client)) {
                app.client().choose("1").get();
                phones.phone("customer1").control().dial(app.askForAgent());
                page.awaitState("RINGING");
                await().atMost(WAIT).until(() -> "ringing".equals(page.callBadge()));
                assertThat(page.textOf("caller-client")).isEqualTo(client);
                assertThat(page.textOf("caller-language")).isEqualTo("en");
                assertThat(page.path()).hasSize(2);
                assertThat(page.path().get(0)).contains(XSS);
                assertThat(page.path().get(1)).contains("Talk to an agent");
                assertThat(chromium.driver().findElements(By.cssSelector("#caller img"))).as("markup shown as text")
                        .isEmpty();
                await().atMost(WAIT).until(() -> page.shown("history-card"));
                assertThat(page.textOf("history")).contains("Plans › Data packs");

                // The agent answers on the desk phone: talking.
                phones.phone(AGENT).control().answer();
                page.awaitState("TALKING");
                await().atMost(WAIT).until(() -> "talking".equals(page.callBadge()));

                // The customer browses during the call: the console shows it within 1 s, marked as such.
                long chosen = System.nanoTime();
                app.client().choose("2");
                await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                        .until(() -> page.textOf("caller-viewing").startsWith("Plans"));
                long shownMs = (System.nanoTime() - chosen) / 1_000_000;
                assertThat(page.pathDuringCall()).hasSize(1);
                assertThat(page.pathDuringCall().get(0).getDomProperty("textContent")).contains("Plans", "during the call");
                chromium.screenshot("agent-desktop-talking-en");
                page.language("zh-CN");
                await().atMost(WAIT).until(() -> page.textOf("caller-viewing").startsWith("套餐"));
                chromium.viewport(390, 844);
                chromium.screenshot("agent-phone-talking-zh-CN");
                page.language("en");
                System.out.printf("console: the customer's choice during the call shown after %d ms%n", shownMs);

                // The customer hangs up: wrap-up (console1's own 10 min), the disposition form.
                phones.phone("customer1").control().hangup();
                page.awaitState("WRAP_UP");
                await().atMost(WAIT).until(() -> page.shown("disposition-card") && "over".equals(page.callBadge()));
                assertThat(page.shown("end-wrap-up")).isTrue();
                assertThat(page.shown("login")).isFalse();
                String note = "Wants the 20 GB plan; call back Monday. " + XSS;
                page.dispose("follow-up", note);
                await().atMost(WAIT).until(() -> page.textOf("disposition-status").equals("Saved."));
                String request = jdbc.queryForObject("select id from voice_call where agent = ? order by requested_at "
                        + "desc limit 1", String.class, AGENT);
                assertThat(jdbc.queryForMap("select disposition, disposition_note, disposed_by from voice_call where id = ?",
                        request)).isEqualTo(Map.of("disposition", "follow-up", "disposition_note", note,
                        "disposed_by", AGENT));
                chromium.driver().executeScript("window.scrollTo(0, 0)");
                chromium.screenshot("agent-phone-wrap-up-en");
                page.click("end-wrap-up");
                page.awaitState("IDLE");
                phones.awaitIdle(AGENT);
            }

            // Pause with a reason: out of Asterisk's queue.
            page.pauseFor("lunch");
            page.awaitState("PAUSED");
            assertThat(page.textOf("state-reason")).isEqualTo("Reason: Lunch");
            phones.awaitIdle();
            assertThat(QueueMembers.names(probe, QUEUE)).doesNotContain(AGENT);
            assertThat(page.shown("resume")).isTrue();
            assertThat(page.shown("pause-form")).isFalse();

            // The connection drops: the banner says so; meanwhile the agent resumes from its phone's side of
            // the service; back online the console shows the current state.
            proxy.cut();
            await().atMost(WAIT).until(() -> page.shown("connection") && page.textOf("connection").startsWith("Disconnected"));
            chromium.screenshot("agent-phone-reconnecting-en");
            agents.resume(AGENT);
            proxy.restore();
            page.awaitState("IDLE");
            await().atMost(WAIT).until(() -> !page.shown("connection") || page.textOf("connection").equals("Connected again."));

            assertThat((Boolean) chromium.driver().executeScript("return window.__alerted")).as("no alert ran")
                    .isFalse();

            // A change without the CSRF token is refused and changes nothing.
            assertThat(page.post("/api/v1/agents/" + AGENT + "/pause", "{\"reason\":\"lunch\"}", false))
                    .isEqualTo(403);
            assertThat(agents.state(AGENT)).isEqualTo(AgentState.IDLE);

            page.click("logout");
            page.awaitState("LOGGED_OUT");
            chromium.viewport(1280, 800);
            chromium.screenshot("agent-desktop-logged-out-en");

            // Another agent's console with this agent's session: refused.
            assertThat(page.fetchStatus("/api/v1/agents/agent2")).isEqualTo(403);
            page.open("?agent=agent2");
            await().atMost(WAIT).until(() -> page.shown("problem"));
        } finally {
            probe.logoff();
            loggedOut();
        }
    }

    @Test
    void aSupervisorSeesAnAgentsConsoleReadOnlyAndMayOnlyPauseOrLogItOut() throws Exception {
        await().atMost(WAIT).until(ami::connected);
        loggedOut();
        SignIn.ensureTestSupervisor(users);
        agents.login(AGENT, QUEUE);
        try (HeadlessChromium chromium = HeadlessChromium.start(1280, 800)) {
            AgentConsolePage page = new AgentConsolePage(chromium.driver(), port);
            SignIn.asSupervisor(chromium.driver(), port);

            // Without ?agent=NAME the supervisor chooses: the agents logged in, each with its state and queues.
            page.open("");
            await().atMost(WAIT).untilAsserted(() -> assertThat(page.shown("picker")).isTrue());
            assertThat(page.shown("main")).isFalse();
            By pick = By.xpath("//ul[@id='picker-agents']/li[@data-state='IDLE']/a[text()='" + AGENT + "']");
            await().atMost(WAIT).until(() -> !chromium.driver().findElements(pick).isEmpty());
            assertThat(chromium.driver().findElement(pick).findElement(By.xpath("..")).getText())
                    .contains("Idle", QUEUE);
            chromium.screenshot("agent-desktop-choose-en");
            chromium.viewport(390, 844);
            chromium.screenshot("agent-phone-choose-en");
            chromium.viewport(1280, 800);
            // A name typed that no agent could have is refused on the page, which stays.
            page.element("picker-name").sendKeys("not an agent");
            page.element("picker-open").click();
            await().atMost(WAIT).until(() -> page.shown("problem"));
            assertThat(page.shown("picker")).isTrue();

            chromium.driver().findElement(pick).click();
            page.awaitState("IDLE");
            assertThat(chromium.driver().getCurrentUrl()).endsWith("/agent/?agent=" + AGENT);
            assertThat(page.shown("mode")).isTrue();
            assertThat(page.textOf("mode")).contains("supervisor", AGENT);
            assertThat(page.shown("pause-form")).isTrue();
            assertThat(page.shown("logout")).isTrue();
            assertThat(page.shown("login") || page.shown("resume") || page.shown("end-wrap-up")).isFalse();

            page.pauseFor("meeting");
            page.awaitState("PAUSED");
            phones.awaitIdle();
            assertThat(page.shown("resume")).as("a supervisor does not resume an agent").isFalse();
            assertThat(page.post("/api/v1/agents/" + AGENT + "/resume", "{}", true)).isEqualTo(403);
            assertThat(agents.state(AGENT)).isEqualTo(AgentState.PAUSED);
            assertThat(page.shown("disposition-card")).isFalse();
        } finally {
            loggedOut();
        }
    }

    /** The queue empty and the console's agent logged out (a paused agent is not in the queue, but logged in). */
    private void loggedOut() {
        EmptyQueue.of(QUEUE, agents, reconciler, membership);
        if (agents.state(AGENT) != AgentState.LOGGED_OUT) {
            agents.logout(AGENT);
        }
    }
}
