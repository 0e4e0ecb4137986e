package io.dataivr.api.http.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.fixtures.AdapterProcess;
import io.dataivr.fixtures.CookieBrowser;
import io.dataivr.fixtures.CookieBrowser.Answer;
import io.dataivr.fixtures.TestDatabase;
import io.dataivr.signin.ConsoleUser;
import io.dataivr.signin.Role;
import io.dataivr.store.pg.JdbcConsoleUserStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * People's page sessions live in PostgreSQL (Spring Session JDBC, V14; docs/sign-in.md "Sessions"): the
 * adapter runs as a process of its own ({@link AdapterProcess}, the test profile, this checkout's test
 * database), is killed with SIGKILL and started again, and the browser's same cookie is still the same
 * person, its CSRF token still works, signing out deletes the row; the session id changes at sign-in;
 * {@code ./dataivr user remove} ends the user's sessions; the
 * customer page, the IP channel, HTTP Basic and the actuator write no session row.
 */
class PageSessionsInDatabaseIntegrationTests {

    private static final String AGENT = "agent1";
    private static final String PASSWORD = "agent1-test-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path work;
    private static AdapterProcess current;

    @BeforeAll
    static void startAdapter() throws Exception {
        work = Files.createTempDirectory("dataivr-page-sessions");
        current = start(false);
    }

    @AfterAll
    static void stopAdapter() throws Exception {
        if (current != null) {
            current.close();
        }
    }

    @Test
    void aSignedInPageSessionOutlivesTheAdapterRestartingKeepsItsCsrfTokenAndEndsWithItsRowAtSignOut()
            throws Exception {
        CookieBrowser browser = new CookieBrowser();
        Answer asked = browser.get(current.uri("/agent/"));
        assertThat(asked.status()).isEqualTo(302);
        assertThat(asked.location()).endsWith("/login").doesNotContainIgnoringCase("jsessionid");
        String anonymous = sessionId(browser.cookie("JSESSIONID"));
        assertThat(principalOf(anonymous)).as("the page asked for is kept in a session of nobody yet").isNull();

        Answer page = browser.get(current.uri("/login"));
        assertThat(page.status()).isEqualTo(200);
        Answer signedIn = browser.postForm(current.uri("/login"), Map.of("username", AGENT, "password", PASSWORD,
                "_csrf", browser.cookie("XSRF-TOKEN")));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).contains("/agent/").doesNotContainIgnoringCase("jsessionid");
        String cookie = signedIn.setCookie("JSESSIONID");
        assertThat(cookie).as("the session cookie of the sign-in").isNotNull();
        assertThat(attributes(cookie)).contains("httponly", "samesite=lax", "path=/").doesNotContain("secure");
        String session = sessionId(browser.cookie("JSESSIONID"));
        assertThat(session).as("the session id is changed at sign-in").isNotEqualTo(anonymous);
        assertThat(rowsWithSessionId(anonymous)).isZero();
        assertThat(principalOf(session)).isEqualTo(AGENT);
        assertThat(count("select max_inactive_interval from spring_session where session_id = ?", session))
                .as("server.servlet.session.timeout (8h) is the stored session's timeout").isEqualTo(8 * 3600);
        assertMe(browser, current);

        current.kill9();
        current = start(true);

        assertThat(browser.cookie("JSESSIONID")).isNotNull();
        assertMe(browser, current);
        Answer noToken = browser.post(current.uri("/api/v1/agents/" + AGENT + "/pause"), "application/json", "{}",
                "X-Requested-With", "XMLHttpRequest");
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(JSON.readTree(noToken.body()).path("code").asText()).isEqualTo("CSRF_TOKEN_MISSING");
        Answer logoutWithoutToken = browser.post(current.uri("/logout"), null, "",
                "X-Requested-With", "XMLHttpRequest");
        assertThat(logoutWithoutToken.location()).endsWith("/login?error=csrf");
        assertThat(principalOf(session)).as("a sign-out without the token changes nothing").isEqualTo(AGENT);

        String primaryId = primaryIdOf(session);
        assertThat(count("select count(*) from spring_session_attributes where session_primary_id = ?", primaryId))
                .as("the signed-in person's security context is an attribute row").isPositive();
        Answer signedOut = browser.post(current.uri("/logout"), null, "", "X-Requested-With", "XMLHttpRequest",
                "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
        assertThat(signedOut.status()).as("the CSRF token of before the restart still works").isEqualTo(204);
        assertThat(rowsWithSessionId(session)).as("signing out deletes the session's row").isZero();
        assertThat(count("select count(*) from spring_session_attributes where session_primary_id = ?", primaryId))
                .isZero();

        Answer after = new CookieBrowser().get(current.uri("/api/v1/me"), "Cookie",
                "JSESSIONID=" + Base64.getEncoder().encodeToString(session.getBytes(StandardCharsets.US_ASCII)),
                "X-Requested-With", "XMLHttpRequest");
        assertThat(after.status()).isEqualTo(401);
        assertThat(JSON.readTree(after.body()).path("code").asText()).isEqualTo("SESSION_EXPIRED");

        CookieBrowser secure = new CookieBrowser();
        secure.get(current.uri("/login"));
        Answer secureSignIn = secure.postForm(current.uri("/login"), Map.of("username", AGENT, "password", PASSWORD,
                "_csrf", secure.cookie("XSRF-TOKEN")));
        assertThat(attributes(secureSignIn.setCookie("JSESSIONID")))
                .as("server.servlet.session.cookie.secure=true reaches Spring Session's cookie")
                .contains("secure", "httponly", "samesite=lax", "path=/");
    }

    @Test
    void removingAUserOfTheTableEndsItsPageSessionsAndNobodyElses() throws Exception {
        JdbcConsoleUserStore table = new JdbcConsoleUserStore(new JdbcTemplate(
                new DriverManagerDataSource(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD)));
        String name = "page-sessions-sup";
        table.remove(name);
        table.add(new ConsoleUser(name, Role.SUPERVISOR, "{bcrypt}" + new BCryptPasswordEncoder(4).encode("sup-secret-1")),
                "test");
        CookieBrowser supervisor = signedIn(name, "sup-secret-1");
        CookieBrowser agent = signedIn(AGENT, PASSWORD);
        assertThat(me(supervisor).status()).isEqualTo(200);

        assertThat(table.remove(name)).isTrue();

        Answer removed = me(supervisor);
        assertThat(removed.status()).isEqualTo(401);
        assertThat(JSON.readTree(removed.body()).path("code").asText()).isEqualTo("SESSION_EXPIRED");
        assertThat(count("select count(*) from spring_session where principal_name = ?", name)).isZero();
        assertThat(me(agent).status()).as("another person's session goes on").isEqualTo(200);
    }

    @Test
    void theCustomerPageTheIpChannelHttpBasicAndTheActuatorWriteNoSessionRow() throws Exception {
        long since = System.currentTimeMillis() - 1;
        CookieBrowser nobody = new CookieBrowser();
        List<Answer> answers = new java.util.ArrayList<>();
        answers.add(nobody.get(current.uri("/app/")));
        answers.add(nobody.get(current.uri("/login")));
        answers.add(nobody.get(current.uri("/actuator/health")));
        answers.add(nobody.get(current.uri("/api/v1/me"), "X-Requested-With", "XMLHttpRequest"));
        answers.add(nobody.get(current.uri("/api/v1/me"), "Authorization", basic(AGENT, PASSWORD)));
        answers.add(nobody.get(current.uri("/api/v1/admin/menus"), "Authorization",
                basic("test-admin", "test-admin-secret")));
        Answer opened = nobody.post(current.uri("/api/v1/sessions"), "application/json",
                "{\"client\":\"page-sessions-test\",\"language\":\"en\"}");
        answers.add(opened);
        JsonNode consultation = JSON.readTree(opened.body());
        answers.add(nobody.get(current.uri("/api/v1/sessions/" + consultation.path("session").path("session").asText()
                + "/menu"), "Authorization", "Bearer " + consultation.path("secret").asText()));

        assertThat(answers).extracting(Answer::status).containsExactly(200, 200, 200, 401, 200, 200, 201, 200);
        assertThat(nobody.setCookies()).noneMatch(c -> c.startsWith("JSESSIONID="));
        assertThat(rowsCreatedSince(since)).as("session rows made by stateless requests").isZero();
    }

    private static AdapterProcess start(boolean secureCookie) throws Exception {
        AdapterProcess adapter = AdapterProcess.start(work, AdapterProcess.freePort(), List.of(
                "--dataivr.voice.agi-port=" + AdapterProcess.freePort(), "--dataivr.voice.queues=race-test",
                "--dataivr.redis.key-prefix=dataivr-page-sessions:", "--logging.level.io.dataivr=INFO",
                "--server.servlet.session.cookie.secure=" + secureCookie));
        try {
            adapter.awaitReady(Duration.ofSeconds(180), Duration.ofMillis(250));
        } catch (Exception | AssertionError e) {
            adapter.close();
            throw e;
        }
        return adapter;
    }

    private static CookieBrowser signedIn(String name, String password) throws Exception {
        CookieBrowser browser = new CookieBrowser();
        browser.get(current.uri("/login"));
        Answer signIn = browser.postForm(current.uri("/login"), Map.of("username", name, "password", password,
                "_csrf", browser.cookie("XSRF-TOKEN")));
        assertThat(signIn.location()).as(name + " signed in").doesNotContain("error");
        return browser;
    }

    private static Answer me(CookieBrowser browser) throws Exception {
        return browser.get(current.uri("/api/v1/me"), "X-Requested-With", "XMLHttpRequest");
    }

    private static void assertMe(CookieBrowser browser, AdapterProcess adapter) throws Exception {
        Answer me = browser.get(adapter.uri("/api/v1/me"), "X-Requested-With", "XMLHttpRequest");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        JsonNode who = JSON.readTree(me.body());
        assertThat(who.path("name").asText()).isEqualTo(AGENT);
        assertThat(who.path("agent").asText()).isEqualTo(AGENT);
        assertThat(who.path("roles").toString()).isEqualTo("[\"agent\"]");
    }

    /** The cookie's attributes, lower case, without its value ("httponly", "samesite=lax", "path=/"...). */
    private static List<String> attributes(String setCookie) {
        assertThat(setCookie).isNotNull();
        String[] parts = setCookie.split(";");
        return java.util.Arrays.stream(parts).skip(1).map(p -> p.trim().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    /** Spring Session's cookie holds the session id in Base64. */
    private static String sessionId(String cookieValue) {
        assertThat(cookieValue).as("cookie JSESSIONID").isNotNull();
        String id = new String(Base64.getDecoder().decode(cookieValue), StandardCharsets.ISO_8859_1);
        assertThat(id).as("cookie JSESSIONID holds a Spring Session id (Base64 of a UUID)")
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        return id;
    }

    private static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String principalOf(String sessionId) throws SQLException {
        try (Connection db = TestDatabase.connect();
                PreparedStatement query = db.prepareStatement(
                        "select principal_name from spring_session where session_id = ?")) {
            query.setString(1, sessionId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("a spring_session row for the cookie's session").isTrue();
                return row.getString(1);
            }
        }
    }

    private static long rowsWithSessionId(String sessionId) throws SQLException {
        return count("select count(*) from spring_session where session_id = ?", sessionId);
    }

    private static String primaryIdOf(String sessionId) throws SQLException {
        try (Connection db = TestDatabase.connect();
                PreparedStatement query = db.prepareStatement("select primary_id from spring_session where session_id = ?")) {
            query.setString(1, sessionId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private static long rowsCreatedSince(long millis) throws SQLException {
        return count("select count(*) from spring_session where creation_time >= ?", millis);
    }

    private static long count(String sql, Object parameter) throws SQLException {
        try (Connection db = TestDatabase.connect();
                PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
