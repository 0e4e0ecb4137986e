package io.dataivr.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.AgentCredentials;
import io.dataivr.fixtures.RestSessions;
import io.dataivr.session.token.SessionTokens;
import io.dataivr.store.pg.JdbcSessionStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 13, item 6: a request whose Accept allows no type the endpoint answers in is refused with a
 * problem detail (406 NOT_ACCEPTABLE) before anything changes: no token spent, no delivery logged,
 * no level moved, no session ended, no menu version published, no agent state changed.
 */
@IntegrationTest
class NotAcceptableIntegrationTests {

    private static final String XML = MediaType.APPLICATION_XML_VALUE;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JdbcSessionStore sessionWrites;
    @Autowired
    SessionTokens tokens;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    private RestSessions rest;

    @BeforeEach
    void client() {
        rest = new RestSessions(http);
    }

    @Test
    void everyApiEndpointSaysWhatItAnswersInSoNegotiationHappensBeforeItRuns() {
        List<String> undeclared = mappings.getHandlerMethods().entrySet().stream()
                .filter(e -> e.getKey().getPatternValues().stream().anyMatch(p -> p.startsWith("/api/")))
                .filter(e -> e.getKey().getProducesCondition().isEmpty())
                .map(e -> e.getKey().toString()).toList();
        assertThat(undeclared).isEmpty();
    }

    @Test
    void theCustomerEndpointsRefuseBeforeTheWork() {
        String token = tokens.mint("not-acceptable-" + UUID.randomUUID(), Duration.ofMinutes(5));
        assertNotAcceptable(exchange(HttpMethod.POST, "/api/v1/sessions", Map.of("token", token), XML, null));
        assertThat(rest.start(Map.of("token", token)).getStatusCode().value()).as("the token was not spent")
                .isEqualTo(201);

        String session = rest.open(Map.of("language", "en", "client", "not-acceptable"));
        String bearer = "Bearer " + rest.secret(session);
        String base = "/api/v1/sessions/" + session;
        assertNotAcceptable(exchange(HttpMethod.POST, base + "/choices", Map.of("key", "2"), XML, bearer));
        assertThat(rest.menu(session).path("path").toString()).as("the level did not move").isEqualTo("[]");
        assertThat(rest.choose(session, "2").getBody().path("path").toString()).isEqualTo("[\"2\"]");
        assertNotAcceptable(exchange(HttpMethod.POST, base + "/choices", Map.of("key", "1"), XML, bearer));
        assertNotAcceptable(exchange(HttpMethod.POST, base + "/back", null, "text/html", bearer));
        assertNotAcceptable(exchange(HttpMethod.DELETE, base + "/call", null, XML, bearer));
        assertNotAcceptable(exchange(HttpMethod.DELETE, base, null, XML, bearer));
        assertNotAcceptable(exchange(HttpMethod.GET, base + "/menu", null, XML, bearer));

        assertThat(rest.menu(session).path("path").toString()).as("still at /2, still open").isEqualTo("[\"2\"]");
        assertThat(rest.choose(session, "1").getBody().path("type").asText()).isEqualTo("content");
        assertThat(rest.end(session).getBody().path("contentsSent").asInt()).isEqualTo(1);
        sessionWrites.flush();
        assertThat(jdbc.queryForObject("select count(*) from content_delivery_log where session_id = ?::uuid",
                Integer.class, session)).as("one delivery: the one sent").isEqualTo(1);
        assertThat(jdbc.queryForList("select item_path from service_item_log where session_id = ?::uuid order by seq",
                String.class, session)).containsExactly("2", "2/1");
    }

    @Test
    void theAdminEndpointsRefuseBeforeTheWork() {
        String id = "not-acceptable-" + System.nanoTime();
        String admin = AgentCredentials.basic(AgentCredentials.ADMIN, AgentCredentials.ADMIN_PASSWORD);
        assertNotAcceptable(exchange(HttpMethod.POST, "/api/v1/admin/menus", menuFile(id), XML, admin));
        assertThat(jdbc.queryForObject("select count(*) from menu_version where menu_id = ?", Integer.class, id))
                .as("no version published").isZero();

        HttpHeaders yaml = headers(MediaType.APPLICATION_JSON_VALUE, admin);
        yaml.setContentType(MediaType.parseMediaType("application/yaml"));
        assertThat(http.exchange("/api/v1/admin/menus", HttpMethod.POST, new HttpEntity<>(menuFile(id), yaml),
                JsonNode.class).getBody().path("version").asInt()).isEqualTo(1);
        assertNotAcceptable(exchange(HttpMethod.DELETE, "/api/v1/admin/menus/" + id, null, XML, admin));
        assertNotAcceptable(exchange(HttpMethod.GET, "/api/v1/admin/menus/" + id + "/export", null,
                MediaType.APPLICATION_JSON_VALUE, admin));
        assertThat(jdbc.queryForObject("select deleted_by is null from menu where id = ?", Boolean.class, id))
                .as("the menu is still in service").isTrue();
        assertThat(jdbc.queryForObject("select count(*) from menu_audit where menu_id = ?", Integer.class, id))
                .isEqualTo(1);
    }

    @Test
    void theAgentEndpointsRefuseBeforeTheWork() {
        String agent = "agent6";
        String basic = AgentCredentials.basic(agent);
        // logged out to begin with (409 if it already is), so a login that went through would show
        exchange(HttpMethod.POST, "/api/v1/agents/" + agent + "/logout", null, MediaType.APPLICATION_JSON_VALUE, basic);
        ResponseEntity<JsonNode> before = exchange(HttpMethod.GET, "/api/v1/agents/" + agent, null,
                MediaType.APPLICATION_JSON_VALUE, basic);

        assertNotAcceptable(exchange(HttpMethod.POST, "/api/v1/agents/" + agent + "/login",
                Map.of("queue", "support"), XML, basic));
        assertThat(exchange(HttpMethod.GET, "/api/v1/agents/" + agent, null, MediaType.APPLICATION_JSON_VALUE, basic)
                .getBody()).as("the agent did not log in").isEqualTo(before.getBody());
        assertNotAcceptable(exchange(HttpMethod.POST, "/api/v1/agents/" + agent + "/pause",
                Map.of("reason", "lunch"), XML, basic));
        assertNotAcceptable(exchange(HttpMethod.GET, "/api/v1/agents/" + agent + "/screen", null, XML, basic));
        assertNotAcceptable(exchange(HttpMethod.GET, "/api/v1/queues/support/idle-agents", null, XML,
                AgentCredentials.basic(AgentCredentials.ADMIN, AgentCredentials.ADMIN_PASSWORD)));

        assertThat(exchange(HttpMethod.GET, "/api/v1/agents/" + agent, null, MediaType.APPLICATION_JSON_VALUE, basic)
                .getBody()).as("the agent's state did not change").isEqualTo(before.getBody());
    }

    private ResponseEntity<JsonNode> exchange(HttpMethod method, String path, Object body, String accept,
            String authorization) {
        HttpHeaders headers = headers(accept, authorization);
        if (body instanceof String) {
            headers.setContentType(MediaType.parseMediaType("application/yaml"));
        } else if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private static HttpHeaders headers(String accept, String authorization) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT, accept);
        if (authorization != null) {
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
        }
        return headers;
    }

    private static void assertNotAcceptable(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(406);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(response.getBody().path("code").asText()).isEqualTo("NOT_ACCEPTABLE");
    }

    private static String menuFile(String id) {
        return """
                menu: %s
                languages: [en]
                title: {en: Refused first}
                items:
                  - key: "1"
                    label: Balance
                    content: Your balance
                """.formatted(id);
    }
}
