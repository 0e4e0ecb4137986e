package io.dataivr.api.http.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.fixtures.HeadlessChromium;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The customer page (/app/) as a test reads and uses it: what a person sees (an element's text as
 * the browser renders it, {@code textContent} where the element may be folded away) and what they
 * tap. Waits are bounded; a page that never gets there fails with what it showed.
 */
final class CustomerPage {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ChromeDriver driver;
    private final List<String> consoleSeen = new ArrayList<>();

    CustomerPage(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Opens http://127.0.0.1:PORT/app/ with {@code fragment} (e.g. "lang=en&menu=telecom") in a new tab
     * (nothing kept in sessionStorage), closing the previous one (its session then expires unresumed).
     */
    CustomerPage open(int port, String fragment) {
        String previous = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        String fresh = driver.getWindowHandle();
        driver.switchTo().window(previous).close();
        driver.switchTo().window(fresh);
        // A tab opened from another starts with a copy of its sessionStorage, the session to resume
        // included: clear it on a file of the page's origin that is not the page.
        driver.get("http://127.0.0.1:" + port + "/app/app.css");
        driver.executeScript("sessionStorage.clear()");
        driver.get("http://127.0.0.1:" + port + "/app/" + (fragment.isEmpty() ? "" : "#" + fragment));
        return this;
    }

    ChromeDriver driver() {
        return driver;
    }

    WebElement element(String id) {
        return driver.findElement(By.id(id));
    }

    /** What an element shows, or its text when hidden (textContent), trimmed. */
    String textOf(String id) {
        String text = element(id).getDomProperty("textContent");
        return text == null ? "" : text.strip();
    }

    boolean shown(String id) {
        return element(id).isDisplayed();
    }

    String heading() {
        return textOf("level-heading");
    }

    CustomerPage awaitHeading(String title) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(heading()).as("the level's title; problem: %s; banner: %s;"
                + " browser console: %s", problem(), banner(), console()).isEqualTo(title));
        await().atMost(WAIT).until(() -> !items().isEmpty() && items().get(0).isEnabled());
        return this;
    }

    List<WebElement> items() {
        return driver.findElements(By.cssSelector("#items button"));
    }

    List<String> labels() {
        return driver.findElements(By.cssSelector("#items .label")).stream()
                .map(label -> label.getDomProperty("textContent")).toList();
    }

    WebElement item(String key) {
        return driver.findElement(By.cssSelector("#items button[data-key='" + key + "']"));
    }

    CustomerPage choose(String key) {
        await().atMost(WAIT).until(() -> item(key).isEnabled());
        item(key).click();
        return this;
    }

    String crumbs() {
        return String.join(" › ", driver.findElements(By.cssSelector("#crumbs li")).stream()
                .map(li -> li.getDomProperty("textContent")).toList());
    }

    String answer() {
        return shown("answer") ? textOf("answer-text") : "";
    }

    CustomerPage awaitAnswer(String text) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(answer()).as("the answer; problem: %s", problem())
                .isEqualTo(text));
        return this;
    }

    String callState() {
        return shown("call") ? textOf("call-state") : "";
    }

    CustomerPage awaitCallState(String state) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(callState()).as("the call's state; problem: %s", problem())
                .isEqualTo(state));
        return this;
    }

    String problem() {
        return shown("problem") ? textOf("problem") : "";
    }

    /** The browser console's entries so far (reading takes them from the driver: kept here), for a failure's message. */
    String console() {
        consoleSeen.addAll(HeadlessChromium.consoleLines(driver));
        return consoleSeen.subList(Math.max(0, consoleSeen.size() - 20), consoleSeen.size()).toString();
    }

    String banner() {
        return shown("connection") ? textOf("connection") : "";
    }

    /** The session id the page shows as the customer's reference. */
    String sessionId() {
        await().atMost(WAIT).until(() -> SESSION_ID.matcher(textOf("reference")).find());
        Matcher matcher = SESSION_ID.matcher(textOf("reference"));
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }

    void click(String id) {
        await().atMost(WAIT).until(() -> element(id).isDisplayed() && element(id).isEnabled());
        element(id).click();
    }
}
