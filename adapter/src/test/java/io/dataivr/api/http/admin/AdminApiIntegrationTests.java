package io.dataivr.api.http.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.RestSessions;
import io.dataivr.menu.MenuFileReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The admin API against the real PostgreSQL: what an admin does, and what customers see after it. */
@IntegrationTest
class AdminApiIntegrationTests {

    static final String USER = "test-admin";
    static final String PASSWORD = "test-admin-secret";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAdminPublishesListsReadsExportsAndDeletesAMenuAndEachStepIsAudited() {
        String id = "admin-" + System.nanoTime();

        ResponseEntity<JsonNode> first = publish(menuFile(id, "First title", "1"));
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(first.getBody().path("version").asInt()).isEqualTo(1);
        assertThat(first.getHeaders().getLocation()).hasToString("/api/v1/admin/menus/" + id);
        assertThat(publish(menuFile(id, "Second title", "2")).getBody().path("version").asInt()).isEqualTo(2);

        JsonNode listed = menuEntry(id);
        assertThat(listed.path("publishedVersion").asInt()).isEqualTo(2);
        assertThat(listed.path("versions").findValuesAsText("publishedBy")).containsExactly(USER, USER);

        JsonNode tree = admin().getForObject("/api/v1/admin/menus/" + id, JsonNode.class);
        assertThat(tree.path("version").asInt()).isEqualTo(2);
        assertThat(tree.path("title").path("en").asText()).isEqualTo("Second title");
        assertThat(tree.path("title").path("zh-CN").asText()).isEqualTo("菜单");
        assertThat(tree.path("items").path(0).path("key").asText()).isEqualTo("2");
        JsonNode older = admin().getForObject("/api/v1/admin/menus/" + id + "?version=1", JsonNode.class);
        assertThat(older.path("title").path("en").asText()).isEqualTo("First title");

        ResponseEntity<byte[]> exported = admin().getForEntity("/api/v1/admin/menus/" + id + "/export", byte[].class);
        assertThat(exported.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("application/yaml")))
                .isTrue();
        MenuFileReader reader = new MenuFileReader();
        assertThat(reader.read(exported.getBody()))
                .isEqualTo(reader.read(menuFile(id, "Second title", "2").getBytes(StandardCharsets.UTF_8)));

        ResponseEntity<Void> deleted = admin().exchange("/api/v1/admin/menus/" + id, HttpMethod.DELETE, null, Void.class);
        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<JsonNode> start = http.postForEntity("/api/v1/sessions", Map.of("menu", id), JsonNode.class);
        assertThat(start.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(start.getBody().path("code").asText()).isEqualTo("MENU_NOT_FOUND");
        assertThat(admin().getForEntity("/api/v1/admin/menus/" + id, JsonNode.class).getBody().path("code").asText())
                .isEqualTo("MENU_NOT_FOUND");
        assertThat(menus()).noneMatch(menu -> menu.path("id").asText().equals(id));
        ResponseEntity<JsonNode> again = admin().exchange("/api/v1/admin/menus/" + id, HttpMethod.DELETE, null,
                JsonNode.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        assertThat(jdbc.queryForList("select action || ' ' || version || ' ' || actor from menu_audit where menu_id = ? "
                + "order by id", String.class, id))
                .containsExactly("publish 1 " + USER, "publish 2 " + USER, "delete 2 " + USER);
        assertThat(jdbc.queryForObject("select deleted_by from menu where id = ?", String.class, id)).isEqualTo(USER);

        assertThat(publish(menuFile(id, "Back again", "3")).getBody().path("version").asInt()).isEqualTo(3);
        assertThat(menuEntry(id).path("publishedVersion").asInt()).isEqualTo(3);
        assertThat(http.postForEntity("/api/v1/sessions", Map.of("menu", id), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aDeleteWithAVersionIsRefusedAndChangesNothingAndADeletedMenusVersionsStayReadable() {
        String id = "admin-versions-" + System.nanoTime();
        publish(menuFile(id, "First title", "1"));
        publish(menuFile(id, "Second title", "2"));

        ResponseEntity<JsonNode> oneVersion = admin().exchange("/api/v1/admin/menus/" + id + "?version=1",
                HttpMethod.DELETE, null, JsonNode.class);

        assertThat(oneVersion.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(oneVersion.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(oneVersion.getBody().path("code").asText()).isEqualTo("INVALID_FIELD");
        assertThat(menuEntry(id).path("publishedVersion").asInt()).isEqualTo(2);
        assertThat(admin().getForObject("/api/v1/admin/menus/" + id + "?version=1", JsonNode.class)
                .path("title").path("en").asText()).isEqualTo("First title");
        assertThat(jdbc.queryForList("select action from menu_audit where menu_id = ?", String.class, id))
                .containsExactly("publish", "publish");

        assertThat(admin().exchange("/api/v1/admin/menus/" + id, HttpMethod.DELETE, null, Void.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(admin().getForEntity("/api/v1/admin/menus/" + id, JsonNode.class).getBody().path("code").asText())
                .isEqualTo("MENU_NOT_FOUND");
        ResponseEntity<JsonNode> first = admin().getForEntity("/api/v1/admin/menus/" + id + "?version=1", JsonNode.class);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getBody().path("title").path("en").asText()).isEqualTo("First title");
        assertThat(admin().getForObject("/api/v1/admin/menus/" + id + "?version=2", JsonNode.class)
                .path("items").path(0).path("key").asText()).isEqualTo("2");
        assertThat(admin().getForEntity("/api/v1/admin/menus/" + id + "?version=3", JsonNode.class).getBody()
                .path("code").asText()).isEqualTo("MENU_VERSION_NOT_FOUND");
        assertThat(admin().getForEntity("/api/v1/admin/menus/never-" + id + "?version=1", JsonNode.class).getBody()
                .path("code").asText()).isEqualTo("MENU_NOT_FOUND");
    }

    @Test
    void concurrentPublicationsOfOneMenuGetOneVersionEach() {
        String id = "admin-race-" + System.nanoTime();
        List<java.util.concurrent.CompletableFuture<ResponseEntity<JsonNode>>> racing = java.util.stream.IntStream
                .rangeClosed(1, 6)
                .mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> publish(menuFile(id, "Racer " + i, String.valueOf(i)))))
                .toList();

        List<Integer> versions = racing.stream().map(java.util.concurrent.CompletableFuture::join)
                .peek(response -> assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED))
                .map(response -> response.getBody().path("version").asInt()).sorted().toList();

        assertThat(versions).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(menuEntry(id).path("publishedVersion").asInt()).isEqualTo(6);
        assertThat(jdbc.queryForObject("select count(distinct version) from menu_item where menu_id = ?",
                Integer.class, id)).isEqualTo(6);
    }

    @Test
    void anInvalidFileIsRefusedWholeWithEveryErrorAndThePublishedMenuStays() {
        String id = "admin-bad-" + System.nanoTime();
        publish(menuFile(id, "Good", "1"));

        ResponseEntity<JsonNode> refused = publish("menu: " + id + "\nlanguages: [en]\ntitle: T\nitems:\n"
                + "  - {key: '1', label: A}\n  - {key: '1', label: B, content: b}\n  - {key: '2', label: {fr: C}, content: c}\n");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody().path("code").asText()).isEqualTo("MENU_FILE_INVALID");
        assertThat(refused.getBody().path("errors").findValuesAsText("path"))
                .containsExactly("items[0]", "items[1].key", "items[2].label.fr");
        assertThat(menuEntry(id).path("publishedVersion").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from menu_version where menu_id = ?", Integer.class, id))
                .isEqualTo(1);
    }

    @Test
    void aBodyLargerThanAMenuFileMayBeIsRefusedWithoutChangingAnything() {
        byte[] huge = new byte[MenuFileReader.MAX_FILE_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) 'x');
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/yaml"));

        ResponseEntity<JsonNode> refused = admin().postForEntity("/api/v1/admin/menus", new HttpEntity<>(huge, headers),
                JsonNode.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getBody().path("errors").path(0).path("path").asText()).isEqualTo("$");
        assertThat(refused.getBody().path("errors").path(0).path("message").asText()).contains("more than the limit");
    }

    @Test
    void theAdminApiNeedsTheAdminsCredentialsButCustomerAndHealthEndpointsDoNot() {
        ResponseEntity<JsonNode> anonymous = http.getForEntity("/api/v1/admin/menus", JsonNode.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getBody().path("code").asText()).isEqualTo("ADMIN_AUTH_REQUIRED");
        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        assertThat(http.withBasicAuth(USER, "wrong").getForEntity("/api/v1/admin/menus", JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.postForEntity("/api/v1/admin/menus", new HttpEntity<>("menu: x", yamlHeaders()), JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        RestSessions rest = new RestSessions(http);
        String sessionId = rest.open(Map.of("language", "en"));
        assertThat(rest.send(HttpMethod.GET, sessionId, "/menu", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.end(sessionId).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().value()).isIn(200, 503);
        // The agent endpoints have their own chain, which the admin's credentials open too.
        assertThat(http.getForEntity("/api/v1/queues/support/idle-agents", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth(USER, PASSWORD).getForEntity("/api/v1/queues/support/idle-agents", JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aPublishedVersionCannotBeChangedEvenDirectlyInTheDatabase() {
        String id = "admin-frozen-" + System.nanoTime();
        publish(menuFile(id, "Frozen", "1"));

        assertThatThrownBy(() -> jdbc.update("update menu_version set title = '{}' where menu_id = ?", id))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.update("delete from menu_item where menu_id = ?", id))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("immutable");
        assertThat(admin().getForObject("/api/v1/admin/menus/" + id, JsonNode.class).path("title").path("en").asText())
                .isEqualTo("Frozen");
    }

    static String menuFile(String id, String englishTitle, String key) {
        return """
                menu: %s
                languages: [zh-CN, en]
                title: {zh-CN: 菜单, en: %s}
                items:
                  - key: "%s"
                    label: {zh-CN: 余额, en: Balance}
                    content: {zh-CN: 您的余额, en: Your balance}
                  - key: "9"
                    label: {zh-CN: 套餐, en: Plans}
                    items:
                      - {key: "1", label: 流量包, content: 每月10GB}
                  - {key: "0", label: {zh-CN: 人工服务, en: Agent}, voice: support}
                """.formatted(id, englishTitle, key);
    }

    ResponseEntity<JsonNode> publish(String yaml) {
        return admin().postForEntity("/api/v1/admin/menus",
                new HttpEntity<>(yaml.getBytes(StandardCharsets.UTF_8), yamlHeaders()), JsonNode.class);
    }

    TestRestTemplate admin() {
        return http.withBasicAuth(USER, PASSWORD);
    }

    private List<JsonNode> menus() {
        JsonNode list = admin().getForObject("/api/v1/admin/menus", JsonNode.class);
        List<JsonNode> menus = new java.util.ArrayList<>();
        list.path("menus").forEach(menus::add);
        return menus;
    }

    private JsonNode menuEntry(String id) {
        return menus().stream().filter(m -> m.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private static HttpHeaders yamlHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/yaml"));
        return headers;
    }
}
