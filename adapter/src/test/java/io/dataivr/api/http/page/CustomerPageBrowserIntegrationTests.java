package io.dataivr.api.http.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.AgentCredentials;
import io.dataivr.fixtures.DroppingProxy;
import io.dataivr.fixtures.HeadlessChromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The customer page in a real browser (headless Chromium) against the real adapter, PostgreSQL and
 * Redis: it browses the demo menu (sub-menu, answers, back, top), shows menu texts as text, speaks
 * zh-CN and en, is keyboard operable and readable at 200 % zoom, carries its session over a dropped
 * connection and a reload, ends it, and says in words why it cannot call without a microphone. The
 * calls themselves: CustomerPageCallEndToEndTests and CustomerPageQueueEndToEndTests.
 */
@IntegrationTest
class CustomerPageBrowserIntegrationTests {

    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;
    static final int DESKTOP_WIDTH = 1280;
    static final int DESKTOP_HEIGHT = 800;
    private static final String MARKUP_MENU = "page-markup-test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static HeadlessChromium chromium;
    CustomerPage page;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start(PHONE_WIDTH, PHONE_HEIGHT);
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void freshPage() {
        chromium.clearEmulation();
        chromium.viewport(PHONE_WIDTH, PHONE_HEIGHT);
        chromium.consoleEntries();
        page = new CustomerPage(chromium.driver());
    }

    @AfterEach
    void theConsoleHasNoErrors() {
        List<LogEntry> severe = chromium.consoleEntries().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                // the browser's own network lines: a tab's automatic /favicon.ico (CustomerPage.open loads
                // a file that is not the page), the WebSocket refused while a test cuts the connection
                .filter(entry -> !entry.getMessage().contains("/favicon.ico ")
                        && !entry.getMessage().matches("(?s).*WebSocket connection to 'ws://127\\.0\\.0\\.1:\\d+/ws/v1/consultation' failed.*"))
                .toList();
        assertThat(severe).as("errors in the browser console (a CSP violation, an uncaught exception)").isEmpty();
    }

    @Test
    void browsesTheDemoMenuItsSubMenuAndAnswersAndGoesBackAndToTheTop() {
        page.open(port, "lang=en").awaitHeading("Telecom service");
        assertThat(page.labels()).containsExactly("Balance", "Plans and data", "Report a fault", "Talk to an agent");
        assertThat(page.crumbs()).isEqualTo("Top");
        assertThat(chromium.driver().getTitle()).isEqualTo("Telecom service – Customer service");
        assertThat(page.element("back").isEnabled()).as("no back at the top").isFalse();

        page.choose("1").awaitAnswer("Your balance is 58.20 CNY; you have used 41.80 CNY this month.");
        assertThat(page.textOf("answer-heading")).isEqualTo("Balance");
        assertThat(page.heading()).as("an answer keeps the level").isEqualTo("Telecom service");
        chromium.screenshot("app-phone-answer-en");

        page.choose("2").awaitHeading("Plans and data");
        assertThat(page.answer()).as("a new level closes the answer").isEmpty();
        assertThat(page.labels()).containsExactly("Data packs", "Roaming");
        assertThat(page.crumbs()).isEqualTo("Top › Plans and data");
        page.choose("1").awaitAnswer("10 GB a month: 20 CNY; 30 GB: 50 CNY.");
        chromium.viewport(DESKTOP_WIDTH, DESKTOP_HEIGHT);
        chromium.screenshot("app-desktop-answer-en");

        page.click("back");
        page.awaitHeading("Telecom service");
        page.choose("2").awaitHeading("Plans and data");
        page.click("top");
        page.awaitHeading("Telecom service");
        assertThat(page.problem()).isEmpty();
    }

    @Test
    void menuTextsAreShownAsTextNeverAsMarkup() throws Exception {
        publishMenu("""
                menu: %s
                languages: [en]
                title: "<i>Marked</i> & up"
                items:
                  - key: "1"
                    label: "<b>x</b>"
                    content: "<script>document.title='run'</script><img src=x onerror=\\"document.title='run'\\"> & done"
                  - key: "2"
                    label: "Plain"
                    content: "plain"
                """.formatted(MARKUP_MENU));

        page.open(port, "lang=en&menu=" + MARKUP_MENU).awaitHeading("<i>Marked</i> & up");
        assertThat(page.labels()).containsExactly("<b>x</b>", "Plain");
        assertThat(page.item("1").getText()).contains("<b>x</b>");
        assertThat(page.driver().findElements(By.cssSelector("#items b, #level-heading i"))).as("no markup made")
                .isEmpty();

        page.choose("1").awaitAnswer("<script>document.title='run'</script><img src=x onerror=\"document.title='run'\"> & done");
        assertThat(page.driver().findElements(By.cssSelector("#answer script, #answer img"))).isEmpty();
        assertThat(page.driver().getTitle()).isEqualTo("<i>Marked</i> & up – Customer service");
    }

    @Test
    void speaksChineseAndEnglishAndSwitchingOpensTheMenuInTheOtherLanguage() throws Exception {
        page.open(port, "lang=zh-CN").awaitHeading("电信客服");
        assertThat(page.labels()).containsExactly("话费查询", "套餐与流量", "故障报修", "人工服务");
        assertThat(page.textOf("back")).isEqualTo("返回");
        assertThat(page.textOf("end")).isEqualTo("结束会话");
        assertThat(page.driver().findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(page.item("1").findElement(By.className("label")).getDomAttribute("lang")).isEqualTo("zh-CN");
        String chineseSession = page.sessionId();
        chromium.screenshot("app-phone-menu-zh-CN");

        new Select(page.element("language")).selectByValue("en");
        page.awaitHeading("Telecom service");
        assertThat(page.labels()).containsExactly("Balance", "Plans and data", "Report a fault", "Talk to an agent");
        assertThat(page.textOf("back")).isEqualTo("Back");
        assertThat(page.driver().findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        String englishSession = page.sessionId();
        assertThat(englishSession).isNotEqualTo(chineseSession);
        await().atMost(CustomerPage.WAIT).untilAsserted(() -> assertThat(sessionRecord(chineseSession)
                .path("end").path("reason").asText()).as("the first session ended with its record").isEqualTo("customer"));

        new Select(page.element("language")).selectByValue("zh-CN");
        page.awaitHeading("电信客服");
        page.choose("2").awaitHeading("套餐与流量");
        assertThat(page.crumbs()).isEqualTo("首页 › 套餐与流量");
    }

    @Test
    void thePageStringsOfBothLanguagesAreComplete() {
        page.open(port, "lang=en").awaitHeading("Telecom service");
        @SuppressWarnings("unchecked")
        Map<String, List<String>> keys = (Map<String, List<String>>) page.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/app/js/i18n.js').then((m) => done({en: m.keysOf('en'), zh: m.keysOf('zh-CN')}));
                """);
        assertThat(keys.get("en")).hasSizeGreaterThan(50);
        assertThat(keys.get("zh")).containsExactlyInAnyOrderElementsOf(keys.get("en"));
    }

    @Test
    void everyItemIsReachedWithTheKeyboardAndChosenByItsKey() {
        page.open(port, "lang=en").awaitHeading("Telecom service");
        Set<String> reached = new LinkedHashSet<>();
        List<String> order = new ArrayList<>();
        page.driver().executeScript("document.activeElement.blur()"); // Tab starts at the top of the page
        for (int tab = 0; tab < 30; tab++) {
            new Actions(page.driver()).sendKeys(Keys.TAB).perform();
            WebElement focused = page.driver().switchTo().activeElement();
            String id = focused.getDomAttribute("id");
            String key = focused.getDomAttribute("data-key");
            order.add(key != null ? "item " + key : (id != null ? id : focused.getTagName()));
            if (key != null) {
                reached.add(key);
            }
        }
        assertThat(reached).as("Tab order: %s", order).containsExactlyInAnyOrder("1", "2", "3", "0");
        assertThat(order.subList(0, 7)).as("Tab order from the top")
                .containsExactly("a", "language", "item 1", "item 2", "item 3", "item 0", "end");

        page.item("3").click(); // focus is on an item: its key chooses, the arrows move
        page.awaitAnswer("Restart your device; if it still has no service, talk to an agent.");
        new Actions(page.driver()).sendKeys("2").perform();
        page.awaitHeading("Plans and data");
        page.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        new Actions(page.driver()).sendKeys(Keys.ARROW_DOWN).perform();
        assertThat(page.driver().switchTo().activeElement().getDomAttribute("data-key")).isNotNull();
        new Actions(page.driver()).sendKeys(Keys.ARROW_DOWN).perform();
        String second = page.driver().switchTo().activeElement().getDomAttribute("data-key");
        new Actions(page.driver()).sendKeys(Keys.ENTER).perform();
        page.awaitAnswer("2".equals(second) ? "Turn roaming on before you travel; prices depend on the destination."
                : "10 GB a month: 20 CNY; 30 GB: 50 CNY.");
        new Actions(page.driver()).sendKeys(Keys.BACK_SPACE).perform();
        page.awaitHeading("Telecom service");
    }

    @Test
    void atTwiceTheZoomThePageReflowsWithoutScrollingSideways() {
        page.open(port, "lang=en").awaitHeading("Telecom service");
        page.choose("1").awaitAnswer("Your balance is 58.20 CNY; you have used 41.80 CNY this month.");
        for (int width : new int[] {DESKTOP_WIDTH / 2, 320}) { // a desktop at 200 %; WCAG's 320 CSS px reflow
            chromium.emulateZoom(width, 640, 2.0);
            await().atMost(CustomerPage.WAIT).untilAsserted(() -> {
                Object overflow = page.driver().executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(((Number) overflow).intValue()).as("sideways scroll at %d CSS px", width).isLessThanOrEqualTo(0);
            });
            for (WebElement item : page.items()) {
                assertThat(item.getRect().getX() + item.getRect().getWidth()).as("item within %d px", width)
                        .isLessThanOrEqualTo(width);
                assertThat(item.isDisplayed()).isTrue();
            }
        }
        chromium.clearEmulation();
    }

    @Test
    void aDroppedConnectionShowsReconnectingAndTheSessionCarriesOnAsDoesAReload() throws Exception {
        try (DroppingProxy proxy = DroppingProxy.to(port)) {
            page.open(proxy.port(), "lang=en").awaitHeading("Telecom service");
            String session = page.sessionId();
            page.choose("2").awaitHeading("Plans and data");

            proxy.cut();
            await().atMost(CustomerPage.WAIT).untilAsserted(() -> assertThat(page.banner()).startsWith("Connection lost. Reconnecting…"));
            assertThat(page.element("main").getDomAttribute("aria-busy")).isEqualTo("true");
            assertThat(page.item("1").isEnabled()).as("nothing to tap while offline").isFalse();
            chromium.screenshot("app-phone-reconnecting-en");

            proxy.restore();
            await().atMost(CustomerPage.WAIT).until(() -> page.banner().isEmpty() || page.banner().equals("Connected again."));
            page.awaitHeading("Plans and data");
            assertThat(page.sessionId()).isEqualTo(session);
            page.choose("2").awaitAnswer("Turn roaming on before you travel; prices depend on the destination.");

            page.driver().navigate().refresh();
            page.awaitHeading("Plans and data");
            assertThat(page.sessionId()).as("a reload resumes the session").isEqualTo(session);
        }
    }

    @Test
    void endingTheSessionStoresItsRecordAndSaysWhatItHeld() throws Exception {
        page.open(port, "lang=en").awaitHeading("Telecom service");
        String session = page.sessionId();
        page.choose("1").awaitAnswer("Your balance is 58.20 CNY; you have used 41.80 CNY this month.");
        page.choose("2").awaitHeading("Plans and data");

        page.click("end");
        await().atMost(CustomerPage.WAIT).until(() -> page.shown("finished"));
        assertThat(page.textOf("finished-text")).isEqualTo("Session ended. Choices: 2, answers: 1, calls: 0.");
        assertThat(page.shown("level")).isFalse();
        await().atMost(CustomerPage.WAIT).untilAsserted(() ->
                assertThat(sessionRecord(session).path("end").path("reason").asText()).isEqualTo("customer"));

        page.click("start-again");
        page.awaitHeading("Telecom service");
        assertThat(page.sessionId()).isNotEqualTo(session);
    }

    @Test
    void aRefusedMicrophoneIsSaidBeforeAnyCallIsAskedFor() throws Exception {
        try (HeadlessChromium refusing = HeadlessChromium.startRefusingTheMicrophone(PHONE_WIDTH, PHONE_HEIGHT)) {
            refusedMicrophone(new CustomerPage(refusing.driver()));
        }
    }

    private void refusedMicrophone(CustomerPage page) throws Exception {
        page.open(port, "lang=en").awaitHeading("Telecom service");
        String session = page.sessionId();
        page.choose("0");
        await().atMost(CustomerPage.WAIT).untilAsserted(() -> assertThat(page.problem())
                .isEqualTo("The microphone was refused. Allow it in the browser to talk to an agent."));
        assertThat(page.shown("call")).isFalse();
        await().atMost(CustomerPage.WAIT).untilAsserted(() -> assertThat(sessionRecord(session).path("items"))
                .as("the session is stored").isEmpty());
        assertThat(sessionRecord(session).path("calls")).as("no call was asked for").isEmpty();
    }

    private void publishMenu(String yaml) throws Exception {
        HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/admin/menus"))
                .header("Authorization", AgentCredentials.basic(AgentCredentials.ADMIN, AgentCredentials.ADMIN_PASSWORD))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
    }

    private JsonNode sessionRecord(String session) throws Exception {
        HttpResponse<String> record = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/admin/sessions/" + session))
                .header("Authorization", AgentCredentials.basic(AgentCredentials.ADMIN, AgentCredentials.ADMIN_PASSWORD))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
        return JSON.readTree(record.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
