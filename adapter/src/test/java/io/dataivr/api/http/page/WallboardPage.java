package io.dataivr.api.http.page;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/** The supervisor's wallboard (/wallboard/) as a test reads it: each queue card's lists and figures. */
final class WallboardPage {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;

    WallboardPage(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Opens the page on {@code port} with {@code query} (e.g. "lang=en") and waits for the first board. */
    WallboardPage open(int port, String query) {
        driver.get("http://127.0.0.1:" + port + "/wallboard/" + (query.isEmpty() ? "" : "?" + query));
        await().atMost(WAIT).until(() -> !driver.findElements(By.cssSelector("article.queue")).isEmpty());
        return this;
    }

    /*
     * The page redraws a queue's card on every update, so each read is one script run (a card read element
     * by element could be replaced half-way).
     */
    @SuppressWarnings("unchecked")
    private List<String> texts(String queue, String css) {
        return (List<String>) driver.executeScript("return [...document.querySelectorAll(arguments[0])]"
                + ".map(e => e.textContent);", "#queue-" + queue + " " + css);
    }

    @SuppressWarnings("unchecked")
    private List<String> attributes(String queue, String css, String attribute) {
        return (List<String>) driver.executeScript("return [...document.querySelectorAll(arguments[0])]"
                + ".map(e => e.getAttribute(arguments[1]));", "#queue-" + queue + " " + css, attribute);
    }

    private String one(String queue, String css) {
        List<String> found = texts(queue, css);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + css + " in queue " + queue + ", found " + found);
        }
        return found.get(0);
    }

    /** The idle-agent FIFO, head first. */
    List<String> fifo(String queue) {
        return attributes(queue, "ol.fifo li", "data-agent");
    }

    /** The waiting callers' origins (data: app, browser, phone), first in line first. */
    List<String> waitingOrigins(String queue) {
        return attributes(queue, "ol.callers li", "data-origin");
    }

    /** The waiting callers' origins as the page words them. */
    List<String> waitingOriginLabels(String queue) {
        return texts(queue, "ol.callers li .origin");
    }

    List<String> waitTimes(String queue) {
        return texts(queue, "ol.callers li .since");
    }

    /** The state shown for {@code agent} in the queue's agents list (its words, e.g. "Paused: lunch"). */
    String agentState(String queue, String agent) {
        return one(queue, "ul.agents li[data-agent='" + agent + "'] .state");
    }

    /** Where the agent's name on the board leads (its console), or null when it is not a link. */
    String agentLink(String queue, String agent) {
        List<String> links = attributes(queue, "ul.agents li[data-agent='" + agent + "'] a.name", "href");
        return links.isEmpty() ? null : links.get(0);
    }

    String agentStateCode(String queue, String agent) {
        List<String> states = attributes(queue, "ul.agents li[data-agent='" + agent + "']", "data-state");
        return states.isEmpty() ? null : states.get(0);
    }

    /** A figure of today's (offered, answered, abandoned, averageWait, …) as shown. */
    String figure(String queue, String key) {
        return one(queue, "dd[data-figure='" + key + "']");
    }

    int count(String queue, String key) {
        return Integer.parseInt(figure(queue, key));
    }

    String waitingStat(String queue) {
        return one(queue, ".stat-waiting strong");
    }

    /** The disconnection banner's text, or "" when hidden. */
    String banner() {
        WebElement banner = driver.findElement(By.id("connection"));
        return banner.isDisplayed() ? banner.getText() : "";
    }

    String csvHref() {
        return driver.findElement(By.id("csv")).getAttribute("href");
    }

    String textOf(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** How many img elements the queues hold (none: text from the server is never markup). */
    int images() {
        return driver.findElements(By.cssSelector("#queues img")).size();
    }

    void language(String lang) {
        new Select(driver.findElement(By.id("language"))).selectByValue(lang);
    }
}
