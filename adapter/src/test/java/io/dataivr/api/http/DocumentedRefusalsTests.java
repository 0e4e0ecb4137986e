package io.dataivr.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.json (kept equal to what the adapter serves by OpenApiDocumentIntegrationTests) against the
 * error tables people read: every REST operation documents how it refuses, as problem details, and every
 * code it names is one the docs explain, with a status they give it.
 */
class DocumentedRefusalsTests {

    private static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\|([^|]*`[A-Z][A-Z0-9_]+`[^|]*)\\|\\s*([0-9/]+)\\s*\\|",
            Pattern.MULTILINE);
    private static final Pattern STATUS = Pattern.compile("\\d{3}");

    private static final Path DOCS = Path.of(System.getenv().getOrDefault("DATAIVR_HOME", "..")).resolve("docs");

    @Test
    void everyOperationDocumentsItsRefusalsAsProblemDetails() throws IOException {
        List<String> without = new ArrayList<>();
        operations().forEach((name, operation) -> {
            boolean any = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = operation.path("responses").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> response = it.next();
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    any = true;
                    assertThat(response.getValue().path("content").path("application/problem+json").path("schema")
                            .path("$ref").asText()).as(name + " " + response.getKey())
                            .isEqualTo("#/components/schemas/ProblemDetail");
                    assertThat(codes(response.getValue().path("description").asText()))
                            .as(name + " " + response.getKey() + " names its codes").isNotEmpty();
                }
            }
            if (!any) {
                without.add(name);
            }
        });
        assertThat(without).as("operations with no refusal documented (add @Fails)").isEmpty();
    }

    /** Content negotiation and RestLimitsFilter refuse before the endpoint runs: each operation says so. */
    @Test
    void everyOperationDocumentsTheRefusalsGivenBeforeItRuns() throws IOException {
        List<String> missing = new ArrayList<>();
        operations().forEach((name, operation) -> {
            Map<String, String> expected = new HashMap<>();
            expected.put("406", "NOT_ACCEPTABLE");
            if (operation.has("requestBody")) {
                expected.put("413", "FRAME_TOO_LARGE");
                expected.put("415", "UNSUPPORTED_MEDIA_TYPE");
            }
            if (name.split(" ")[1].startsWith("/api/v1/sessions")) {
                expected.put("429", "RATE_LIMITED");
            }
            expected.forEach((status, code) -> {
                if (!codes(operation.path("responses").path(status).path("description").asText()).contains(code)) {
                    missing.add(name + ": " + status + " " + code);
                }
            });
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void everyCodeTheDocumentNamesIsInTheDocsWithThatStatus() throws IOException {
        Map<String, Set<Integer>> tables = new HashMap<>();
        readTable(DOCS.resolve("protocol.md"), tables);
        readTable(DOCS.resolve("sign-in.md"), tables);
        String adminApi = Files.readString(DOCS.resolve("admin-api.md"), StandardCharsets.UTF_8);
        assertThat(tables).as("codes read from the tables").containsKeys("SESSION_NOT_FOUND", "AGENT_FORBIDDEN",
                "CSRF_TOKEN_INVALID");

        List<String> wrong = new ArrayList<>();
        operations().forEach((name, operation) -> operation.path("responses").fields().forEachRemaining(response -> {
            int status = Integer.parseInt(response.getKey());
            for (String code : codes(response.getValue().path("description").asText())) {
                Set<Integer> documented = tables.get(code);
                if (documented == null ? !adminApi.contains("`" + code + "`") : !documented.contains(status)) {
                    wrong.add(name + ": " + status + " " + code + " (the docs: "
                            + (documented == null ? "not named" : documented) + ")");
                }
            }
        }));
        assertThat(wrong).isEmpty();
    }

    @Test
    void eachWayOfSigningInDocumentsItsOwnRefusal() throws IOException {
        Map<String, String> refusalOf = Map.of("agentBasic", "AGENT_AUTH_REQUIRED", "adminBasic",
                "ADMIN_AUTH_REQUIRED", "sessionSecret", "SESSION_SECRET_REQUIRED");
        operations().forEach((name, operation) -> operation.path("security").forEach(requirement ->
                requirement.fieldNames().forEachRemaining(scheme -> assertThat(
                        codes(operation.path("responses").path("401").path("description").asText()))
                        .as(name + " (" + scheme + ")").contains(refusalOf.get(scheme)))));
    }

    /** AccessRules: one agent's endpoints are that agent's (and a supervisor's, the admin's); the lists anyone's. */
    @Test
    void onlyTheEndpointsOfOneAgentNameAgentForbidden() throws IOException {
        Map<String, JsonNode> agentOperations = new HashMap<>();
        operations().forEach((name, operation) -> {
            if (operation.path("security").toString().contains("agentBasic")) {
                agentOperations.put(name, operation);
            }
        });
        assertThat(agentOperations).containsKeys("GET /api/v1/agents", "GET /api/v1/agents/{agent}/screen");
        agentOperations.forEach((name, operation) -> assertThat(
                codes(operation.path("responses").path("403").path("description").asText()).contains("AGENT_FORBIDDEN"))
                .as(name).isEqualTo(name.contains("{agent}")));
    }

    private static Map<String, JsonNode> operations() throws IOException {
        JsonNode document = new ObjectMapper().readTree(DOCS.resolve("openapi.json").toFile());
        Map<String, JsonNode> operations = new HashMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                method -> operations.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue())));
        assertThat(operations).as("operations in docs/openapi.json").hasSizeGreaterThan(20);
        return operations;
    }

    private static Set<String> codes(String description) {
        Set<String> codes = new HashSet<>();
        Matcher m = CODE.matcher(description);
        while (m.find()) {
            codes.add(m.group());
        }
        return codes;
    }

    /** The rows {@code | `CODE`[, `CODE`…] | 400[/401…] | …} of a markdown table: each code's statuses. */
    private static void readTable(Path file, Map<String, Set<Integer>> into) throws IOException {
        Matcher row = TABLE_ROW.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (row.find()) {
            Set<Integer> statuses = new HashSet<>();
            Matcher status = STATUS.matcher(row.group(2));
            while (status.find()) {
                statuses.add(Integer.parseInt(status.group()));
            }
            for (String code : codes(row.group(1))) {
                into.computeIfAbsent(code, c -> new HashSet<>()).addAll(statuses);
            }
        }
    }
}
