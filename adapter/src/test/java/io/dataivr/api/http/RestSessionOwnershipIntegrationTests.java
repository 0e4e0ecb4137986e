package io.dataivr.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.RestSessions;
import io.dataivr.fixtures.SocketProbe;
import io.dataivr.store.pg.JdbcSessionStore;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 13, item 1: a session is driven over REST only by whoever holds its secret, and a WebSocket
 * session not at all, whatever its id's visibility (agents and admin records show it).
 */
@IntegrationTest
class RestSessionOwnershipIntegrationTests {

    private static final Map<String, String> CHOOSE_2 = Map.of("key", "2");

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JdbcSessionStore sessionWrites;
    private RestSessions rest;

    @BeforeEach
    void client() {
        rest = new RestSessions(http);
    }

    @Test
    void aWebSocketSessionCannotBeChosenEndedOrHungUpOverRestAndItsAppSeesNothing() throws Exception {
        try (SocketProbe app = SocketProbe.open(port)) {
            JsonNode opened = app.ask("{\"type\":\"consult\",\"language\":\"en\",\"client\":\"ws-not-rest\"}");
            String session = opened.path("session").asText();
            String resumeToken = opened.path("resumeToken").asText();
            assertThat(app.next().path("type").asText()).isEqualTo("menu");

            for (String secret : new String[] {resumeToken.substring(resumeToken.indexOf('.') + 1), resumeToken,
                    session}) {
                assertRefused(rest.send(HttpMethod.POST, session, "/choices", CHOOSE_2, secret), 404,
                        "SESSION_NOT_FOUND");
                assertRefused(rest.send(HttpMethod.POST, session, "/back", null, secret), 404, "SESSION_NOT_FOUND");
                assertRefused(rest.send(HttpMethod.GET, session, "/menu", null, secret), 404, "SESSION_NOT_FOUND");
                assertRefused(rest.send(HttpMethod.DELETE, session, "/call", null, secret), 404, "SESSION_NOT_FOUND");
                assertRefused(rest.send(HttpMethod.DELETE, session, "", null, secret), 404, "SESSION_NOT_FOUND");
            }
            assertRefused(rest.send(HttpMethod.POST, session, "/choices", CHOOSE_2, null), 401,
                    "SESSION_SECRET_REQUIRED");
            assertRefused(rest.send(HttpMethod.DELETE, session, "", null, null), 401, "SESSION_SECRET_REQUIRED");

            // Frames are answered in order: an `ended` pushed by a REST end would come before this answer.
            JsonNode level = app.ask("{\"type\":\"menu\"}");
            assertThat(level.path("type").asText()).as("the app's session is still open").isEqualTo("menu");
            assertThat(level.path("path").toString()).as("and did not move").isEqualTo("[]");
            assertThat(app.ask("{\"type\":\"end\"}").path("itemsChosen").asInt()).isZero();
            sessionWrites.flush();
            assertThat(jdbc.queryForObject("select reason from session_end_record where session_id = ?::uuid",
                    String.class, session)).isEqualTo("customer");
        }
    }

    @Test
    void aRestSessionRefusesRequestsWithoutOrWithAWrongSecretAndNothingChanges() {
        String session = rest.open(Map.of("language", "en", "client", "rest-owner"));
        String other = rest.open(Map.of("language", "en", "client", "rest-other"));
        ResponseEntity<JsonNode> noSecret = rest.send(HttpMethod.POST, session, "/choices", CHOOSE_2, null);
        assertRefused(noSecret, 401, "SESSION_SECRET_REQUIRED");
        assertThat(noSecret.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        for (String wrong : new String[] {rest.secret(other), rest.secret(session) + "A", "x"}) {
            assertRefused(rest.send(HttpMethod.POST, session, "/choices", CHOOSE_2, wrong), 404, "SESSION_NOT_FOUND");
            assertRefused(rest.send(HttpMethod.DELETE, session, "", null, wrong), 404, "SESSION_NOT_FOUND");
        }
        assertRefused(rest.send(HttpMethod.DELETE, session, "", null, null), 401, "SESSION_SECRET_REQUIRED");

        assertThat(rest.menu(session).path("path").toString()).as("nothing moved").isEqualTo("[]");
        assertThat(rest.choose(session, "2").getBody().path("path").toString()).isEqualTo("[\"2\"]");
        assertThat(rest.end(session).getBody().path("itemsChosen").asInt()).as("only the owner's choice counted")
                .isEqualTo(1);
        assertThat(rest.end(other).getStatusCode().value()).isEqualTo(200);
        sessionWrites.flush();
        assertThat(jdbc.queryForList("select item_path from service_item_log where session_id = ?::uuid",
                String.class, session)).containsExactly("2");
    }

    private static void assertRefused(ResponseEntity<JsonNode> response, int status, String code) {
        assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(status);
        assertThat(response.getBody().path("code").asText()).isEqualTo(code);
    }
}
