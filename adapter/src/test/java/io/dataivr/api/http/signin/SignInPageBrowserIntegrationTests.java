package io.dataivr.api.http.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.HeadlessChromium;
import io.dataivr.fixtures.SignIn;
import io.dataivr.signin.ConsoleUser;
import io.dataivr.signin.ConsoleUserStore;
import io.dataivr.signin.Role;
import io.dataivr.signin.SignInAttemptStore;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The sign-in page in a real browser (headless Chromium) against the real adapter and PostgreSQL: a
 * wrong password shows its message, the right one lands an agent on /agent/ with a session that
 * /api/v1/me knows (and that opens no other agent's API), a supervisor on /wallboard/, five wrong
 * passwords lock the user with a message saying so, zh-CN and en, and signing out.
 */
@IntegrationTest
class SignInPageBrowserIntegrationTests {

    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;
    static final int DESKTOP_WIDTH = 1280;
    static final int DESKTOP_HEIGHT = 800;

    static HeadlessChromium chromium;
    WebDriver driver;

    @LocalServerPort
    int port;
    @Autowired
    ConsoleUserStore users;
    @Autowired
    SignInAttemptStore attempts;

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
    void freshBrowser() {
        driver = chromium.driver();
        chromium.viewport(PHONE_WIDTH, PHONE_HEIGHT);
        driver.get("http://127.0.0.1:" + port + "/login");
        driver.manage().deleteAllCookies();
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("localStorage.clear(); sessionStorage.clear();");
        chromium.consoleEntries();
    }

    @AfterEach
    void theSignInPageLoggedNoErrors() {
        List<LogEntry> severe = chromium.consoleEntries().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                // the pages behind the form may not exist yet (404), /api/v1/me before signing in is a 401
                .filter(entry -> !entry.getMessage().matches("(?s).*(/agent/|/wallboard/|/api/v1/me|/api/v1/agents/agent2|favicon).*"))
                .toList();
        assertThat(severe).as("errors in the browser console (a CSP violation, an uncaught exception)").isEmpty();
    }

    @Test
    void aWrongPasswordSaysSoAndTheRightOneLandsTheAgentOnItsConsoleWithASession() {
        chromium.screenshot("signin-phone-en");
        SignIn.submit(driver, port, "agent1", "not-the-password");
        assertThat(driver.getCurrentUrl()).endsWith("/login?error=bad");
        assertThat(driver.findElement(By.id("message")).getText()).startsWith("Wrong user name or password.");
        assertThat(driver.findElement(By.id("username")).getDomProperty("value")).as("the name is kept").isEqualTo("agent1");
        chromium.screenshot("signin-phone-wrong-password-en");

        SignIn.asAgent(driver, port, "agent1");
        assertThat(driver.getCurrentUrl()).isEqualTo("http://127.0.0.1:" + port + "/agent/");
        Map<String, Object> me = SignIn.me(driver);
        assertThat(me).containsEntry("status", 200L).containsEntry("name", "agent1").containsEntry("agent", "agent1")
                .containsEntry("roles", List.of("agent"));
        assertThat(driver.manage().getCookieNamed("JSESSIONID").isHttpOnly()).isTrue();
        assertThat(driver.manage().getCookieNamed("JSESSIONID").getSameSite()).isEqualTo("Lax");

        assertThat(SignIn.fetchStatus(driver, "GET", "/api/v1/agents/agent2")).as("another agent's API").isEqualTo(403);
        assertThat(SignIn.fetchStatus(driver, "GET", "/api/v1/agents/agent1")).as("its own").isEqualTo(200);
        assertThat(SignIn.fetchStatus(driver, "GET", "/wallboard/")).as("the wallboard").isEqualTo(403);
    }

    @Test
    void aSupervisorLandsOnTheWallboardAndSigningOutEndsTheSession() {
        SignIn.ensureTestSupervisor(users);
        SignIn.asSupervisor(driver, port);
        assertThat(driver.getCurrentUrl()).isEqualTo("http://127.0.0.1:" + port + "/wallboard/");
        assertThat(SignIn.me(driver)).containsEntry("name", SignIn.SUPERVISOR).containsEntry("roles", List.of("supervisor"))
                .containsEntry("agent", null);

        driver.get("http://127.0.0.1:" + port + "/login");
        // login.js fills in who is signed in after its own request: wait for it, then check the name
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
                .until(d -> !d.findElement(By.id("who")).getText().isEmpty());
        assertThat(driver.findElement(By.id("who")).getText()).isEqualTo(SignIn.SUPERVISOR);
        driver.findElement(By.cssSelector("#signout button")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().endsWith("/login?signed-out"));
        assertThat(driver.findElement(By.id("notice")).getText()).isEqualTo("You are signed out.");
        assertThat(SignIn.me(driver)).containsEntry("status", 401L);
    }

    @Test
    void fiveWrongPasswordsLockTheUserAndThePageSaysForHowLongInChinese() {
        String name = "signin-lock-" + System.nanoTime() % 1_000_000_000;
        users.add(new ConsoleUser(name, Role.AGENT, "{bcrypt}" + new BCryptPasswordEncoder(4).encode("right-password")),
                "test");
        try {
            driver.get("http://127.0.0.1:" + port + "/login");
            new Select(driver.findElement(By.id("language"))).selectByValue("zh-CN");
            assertThat(driver.findElement(By.id("heading")).getText()).isEqualTo("登录");
            for (int i = 1; i <= 4; i++) {
                SignIn.submit(driver, port, name, "wrong-" + i);
                assertThat(driver.getCurrentUrl()).endsWith("error=bad");
            }
            SignIn.submit(driver, port, name, "wrong-5");
            assertThat(driver.getCurrentUrl()).endsWith("error=locked&minutes=15");
            SignIn.submit(driver, port, name, "right-password");
            assertThat(driver.getCurrentUrl()).as("locked even with the right password").endsWith("error=locked&minutes=15");
            assertThat(driver.findElement(By.id("message")).getText())
                    .isEqualTo("密码错误次数过多，该用户已被锁定。请在 15 分钟后重试，或联系管理员。");
            chromium.screenshot("signin-phone-locked-zh-CN");
            chromium.viewport(DESKTOP_WIDTH, DESKTOP_HEIGHT);
            chromium.screenshot("signin-desktop-locked-zh-CN");
        } finally {
            users.remove(name);
            attempts.clear(name);
        }
    }

    @Test
    void theDesktopLayoutIsACardInTheMiddle() {
        chromium.viewport(DESKTOP_WIDTH, DESKTOP_HEIGHT);
        driver.get("http://127.0.0.1:" + port + "/login");
        var card = driver.findElement(By.cssSelector("main.card")).getRect();
        assertThat(card.getWidth()).isLessThan(500);
        assertThat(Math.abs(card.getX() + card.getWidth() / 2 - DESKTOP_WIDTH / 2)).isLessThan(20);
        chromium.screenshot("signin-desktop-en");
    }
}
