package io.dataivr.api.http.admin;

import static io.dataivr.api.http.admin.AdminApiIntegrationTests.PASSWORD;
import static io.dataivr.api.http.admin.AdminApiIntegrationTests.USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.RestSessions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Sessions and menu versions, and a session's record as the admin reads it, against the real database. */
@IntegrationTest
class AdminSessionIntegrationTests {

    @Autowired
    TestRestTemplate http;
    private RestSessions rest;

    @BeforeEach
    void restClient() {
        rest = new RestSessions(http);
    }

    @Test
    void aRunningSessionKeepsItsMenuVersionWhenANewOneIsPublishedAndANewSessionGetsTheNewOne() {
        String id = "versions-" + System.nanoTime();
        publish(AdminApiIntegrationTests.menuFile(id, "Version one", "1"));
        String old = start(id);

        assertThat(publish(AdminApiIntegrationTests.menuFile(id, "Version two", "2")).path("version").asInt())
                .isEqualTo(2);

        JsonNode oldMenu = rest.menu(old);
        assertThat(oldMenu.path("version").asInt()).isEqualTo(1);
        assertThat(oldMenu.path("title").asText()).isEqualTo("Version one");
        JsonNode content = choose(old, "1").getBody();
        assertThat(content.path("type").asText()).isEqualTo("content");
        assertThat(content.path("text").asText()).isEqualTo("Your balance");

        String fresh = start(id);
        JsonNode newMenu = rest.menu(fresh);
        assertThat(newMenu.path("version").asInt()).isEqualTo(2);
        assertThat(newMenu.path("title").asText()).isEqualTo("Version two");
        assertThat(choose(fresh, "1").getBody().path("code").asText()).isEqualTo("ITEM_NOT_FOUND");
        assertThat(choose(fresh, "2").getBody().path("type").asText()).isEqualTo("content");

        rest.end(old);
        assertThat(admin().getForObject("/api/v1/admin/sessions/" + old, JsonNode.class).path("menuVersion").asInt())
                .isEqualTo(1);
        assertThat(admin().getForObject("/api/v1/admin/sessions/" + fresh, JsonNode.class).path("menuVersion").asInt())
                .isEqualTo(2);
        rest.end(fresh);
    }

    @Test
    void aDeletedMenuStartsNoSessionButTheSessionsOnItRunToTheirEnd() {
        String id = "deleted-" + System.nanoTime();
        publish(AdminApiIntegrationTests.menuFile(id, "Going away", "1"));
        String running = start(id);

        admin().exchange("/api/v1/admin/menus/" + id, HttpMethod.DELETE, null, Void.class);

        assertThat(http.postForEntity("/api/v1/sessions", Map.of("menu", id), JsonNode.class).getBody()
                .path("code").asText()).isEqualTo("MENU_NOT_FOUND");
        assertThat(choose(running, "1").getBody().path("text").asText()).isEqualTo("Your balance");
        assertThat(rest.end(running).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theAdminReadsASessionsItemsDeliveriesAndEndRecord() {
        String id = "record-" + System.nanoTime();
        publish(AdminApiIntegrationTests.menuFile(id, "Records", "1"));
        String session = start(id, "zh-CN");
        choose(session, "9");
        choose(session, "1");

        JsonNode open = admin().getForObject("/api/v1/admin/sessions/" + session, JsonNode.class);
        assertThat(open.path("menuId").asText()).isEqualTo(id);
        assertThat(open.path("language").asText()).isEqualTo("zh-CN");
        assertThat(open.path("end").isMissingNode() || open.path("end").isNull()).isTrue();
        assertThat(open.path("items").findValuesAsText("itemPath")).containsExactly("9", "9/1");

        rest.end(session);

        JsonNode ended = admin().getForObject("/api/v1/admin/sessions/" + session, JsonNode.class);
        assertThat(ended.path("items").findValuesAsText("kind")).containsExactly("submenu", "content");
        assertThat(ended.path("items").path(1).path("duringCall").asBoolean()).isFalse();
        assertThat(ended.path("deliveries").findValuesAsText("itemPath")).containsExactly("9/1");
        assertThat(ended.path("deliveries").path(0).path("chars").asInt()).isEqualTo("每月10GB".length());
        assertThat(ended.path("calls")).isEmpty();
        assertThat(ended.path("endReason").asText()).isEqualTo("customer");
        assertThat(ended.path("end").path("itemsChosen").asInt()).isEqualTo(2);
        assertThat(ended.path("end").path("contentsSent").asInt()).isEqualTo(1);
        assertThat(ended.path("end").path("voiceCalls").asInt()).isZero();
    }

    @Test
    void anUnknownSessionIs404WithItsCodeAndNeedsTheAdminToo() {
        String unknown = "/api/v1/admin/sessions/" + UUID.randomUUID();
        ResponseEntity<JsonNode> missing = admin().getForEntity(unknown, JsonNode.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getBody().path("code").asText()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(http.getForEntity(unknown, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private String start(String menu) {
        return start(menu, "en");
    }

    private String start(String menu, String language) {
        ResponseEntity<JsonNode> started = rest.start(Map.of("menu", menu, "language", language));
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return started.getBody().path("session").path("session").asText();
    }

    private ResponseEntity<JsonNode> choose(String session, String key) {
        return rest.choose(session, key);
    }

    private JsonNode publish(String yaml) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/yaml"));
        ResponseEntity<JsonNode> published = admin().postForEntity("/api/v1/admin/menus",
                new HttpEntity<>(yaml.getBytes(StandardCharsets.UTF_8), headers), JsonNode.class);
        assertThat(published.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return published.getBody();
    }

    private TestRestTemplate admin() {
        return http.withBasicAuth(USER, PASSWORD);
    }
}
