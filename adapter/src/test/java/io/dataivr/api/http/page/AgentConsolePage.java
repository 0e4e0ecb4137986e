package io.dataivr.api.http.page;

import static org.awaitility.Awaitility.await;

import io.dataivr.fixtures.HeadlessChromium;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The agent console (/agent/) as a test reads and uses it: the state shown, the caller card, the
 * buttons a person taps. Waits are bounded; a page that never gets there fails with what it showed.
 */
final class AgentConsolePage {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final String base;

    AgentConsolePage(ChromeDriver driver, int port) {
        this.driver = driver;
        this.base = "http://127.0.0.1:" + port;
    }

    AgentConsolePage open(String query) {
        driver.get(base + "/agent/" + query);
        return this;
    }

    WebElement element(String id) {
        return driver.findElement(By.id(id));
    }

    /** An element's text (textContent, so also while folded away), trimmed. */
    String textOf(String id) {
        String text = element(id).getDomProperty("textContent");
        return text == null ? "" : text.strip();
    }

    boolean shown(String id) {
        return element(id).isDisplayed();
    }

    /** The agent state the page shows (its code, data-state). */
    String state() {
        return element("state").getDomAttribute("data-state");
    }

    AgentConsolePage awaitState(String state) {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(25)).until(() -> state.equals(state()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the console did not show state " + state + ": " + shows(), e);
        }
        return this;
    }

    /** What the page shows, for a failure's message: address, state, banner, problem, browser console. */
    String shows() {
        StringBuilder seen = new StringBuilder(driver.getCurrentUrl()).append(" state=").append(state())
                .append(" banner=").append(textOf("connection")).append(" problem=").append(textOf("problem"))
                .append(" console=");
        HeadlessChromium.consoleLines(driver).forEach(line -> seen.append(line).append(" | "));
        return seen.toString();
    }

    String callBadge() {
        return element("caller-call").getDomAttribute("data-call");
    }

    /** The caller's path as shown: one text per step (labels, time and the during-call mark). */
    List<String> path() {
        return driver.findElements(By.cssSelector("#caller-path li")).stream()
                .map(li -> li.getDomProperty("textContent")).toList();
    }

    List<WebElement> pathDuringCall() {
        return driver.findElements(By.cssSelector("#caller-path li.during-call"));
    }

    void click(String id) {
        element(id).click();
    }

    void logInTo(String queue) {
        click("login");
        for (WebElement box : driver.findElements(By.cssSelector("#login-queues input"))) {
            if (box.isSelected() != box.getDomProperty("value").equals(queue)) {
                box.click();
            }
        }
        click("login-go");
    }

    void pauseFor(String reasonCode) {
        new Select(element("pause-reason")).selectByValue(reasonCode);
        click("pause");
    }

    void language(String tag) {
        new Select(element("language")).selectByValue(tag);
    }

    void dispose(String code, String note) {
        new Select(element("disposition")).selectByValue(code);
        element("disposition-note").clear();
        element("disposition-note").sendKeys(note);
        click("disposition-save");
    }

    /** The status of {@code GET path} fetched by the page (its cookies, its origin). */
    long fetchStatus(String path) {
        Object status = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin', headers: {Accept: 'application/json'}})
                  .then((r) => done(r.status), () => done(-1));""", path);
        return ((Number) status).longValue();
    }

    /** The status of a POST the page makes with its session, with or without the CSRF header. */
    long post(String path, String json, boolean withCsrf) {
        Object status = driver.executeAsyncScript("""
                const [path, body, withCsrf, done] = arguments;
                const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
                const headers = {'Content-Type': 'application/json', Accept: 'application/json'};
                if (withCsrf && cookie) headers['X-XSRF-TOKEN'] = decodeURIComponent(cookie.slice(11));
                fetch(path, {method: 'POST', credentials: 'same-origin', headers, body})
                  .then((r) => done(r.status), () => done(-1));""", path, json, withCsrf);
        return ((Number) status).longValue();
    }
}
