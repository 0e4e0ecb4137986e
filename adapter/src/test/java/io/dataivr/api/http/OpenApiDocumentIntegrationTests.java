package io.dataivr.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dataivr.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * docs/openapi.json is the document the running adapter serves. When an API change makes them
 * differ, regenerate the file with
 * {@code mvn -B verify -pl adapter -am -Dtest=OpenApiDocumentIntegrationTests -Dsurefire.failIfNoSpecifiedTests=false -Ddataivr.openapi.write=true}
 * (or {@code ./dataivr test -Ddataivr.openapi.write=true}) and commit it.
 */
@IntegrationTest
class OpenApiDocumentIntegrationTests {

    static final String WRITE = "dataivr.openapi.write";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Autowired
    TestRestTemplate http;

    @Test
    void theCommittedOpenApiDocumentIsTheOneTheAdapterServes() throws Exception {
        ResponseEntity<String> served = http.getForEntity("/v3/api-docs", String.class);
        assertThat(served.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode actual = JSON.readTree(served.getBody());
        Path committed = Path.of(System.getenv().getOrDefault("DATAIVR_HOME", "..")).resolve("docs/openapi.json");

        if (Boolean.getBoolean(WRITE)) {
            Files.writeString(committed, canonical(actual) + "\n", StandardCharsets.UTF_8);
        }

        assertThat(Files.exists(committed)).as(committed + " is missing; " + howToRegenerate()).isTrue();
        JsonNode expected = JSON.readTree(Files.readString(committed, StandardCharsets.UTF_8));
        assertThat(canonical(actual)).as("the served OpenAPI document differs from docs/openapi.json; "
                + howToRegenerate()).isEqualTo(canonical(expected));
    }

    @Test
    void theAdminOperationsAreDocumentedWithTheirSecurity() throws Exception {
        JsonNode document = JSON.readTree(http.getForObject("/v3/api-docs", String.class));
        JsonNode paths = document.path("paths");
        assertThat(paths.has("/api/v1/admin/menus")).isTrue();
        assertThat(paths.path("/api/v1/admin/menus").path("post").path("requestBody").path("content")
                .has("application/yaml")).isTrue();
        assertThat(paths.path("/api/v1/admin/menus/{id}").path("delete").path("security").toString())
                .contains("adminBasic");
        assertThat(paths.has("/api/v1/sessions")).isTrue();
        assertThat(document.path("servers").path(0).path("url").asText()).isEqualTo("/");
    }

    private static String canonical(JsonNode node) throws Exception {
        return JSON.writeValueAsString(JSON.treeToValue(node, Object.class));
    }

    private static String howToRegenerate() {
        return "run `./dataivr test -Dtest=OpenApiDocumentIntegrationTests -Dsurefire.failIfNoSpecifiedTests=false -D"
                + WRITE + "=true` and commit docs/openapi.json";
    }
}
