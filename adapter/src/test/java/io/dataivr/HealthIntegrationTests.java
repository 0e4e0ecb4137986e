package io.dataivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.session.token.UsedTokenStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The health of each component (AMI, Redis, the database) as the admin sees it, and the bare status
 * that anyone (a load balancer, {@code ./dataivr up}) sees.
 */
@IntegrationTest
class HealthIntegrationTests {

    private static final String ADMIN = "test-admin";
    private static final String ADMIN_PASSWORD = "test-admin-secret";

    @Autowired
    TestRestTemplate http;
    @Autowired
    UsedTokenStore usedTokens;
    @Autowired
    MeterRegistry meters;

    @Test
    void theAdminSeesAmiRedisAndTheDatabaseUpWhenEachIsReallyConnected() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode health = admin().getForObject("/actuator/health", JsonNode.class);
            assertThat(health.path("components").path("ami").path("status").asText()).isEqualTo("UP");
            assertThat(health.path("components").path("ami").path("details").path("asterisk").asText())
                    .startsWith("Asterisk 2");
            assertThat(health.path("components").path("redis").path("status").asText()).isEqualTo("UP");
            assertThat(health.path("components").path("redis").path("details").path("version").asText())
                    .matches("\\d+\\.\\d+.*");
            assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
            assertThat(health.path("status").asText()).isEqualTo("UP");
        });
    }

    @Test
    void theAdaptersRedisCommandsAreTimedByTheStartersLettuceMetrics() {
        assertThat(usedTokens.markUsed("metrics-" + UUID.randomUUID(), Duration.ofSeconds(5))).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                meters.find("lettuce.command.completion").tag("command", "SET").timers())
                .anySatisfy(timer -> assertThat(timer.count()).isPositive()));
    }

    @Test
    void anyoneElseSeesTheBareStatusOnly() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
            assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(health.getBody()).isEqualTo("{\"status\":\"UP\"}");
        });
        assertThat(http.getForEntity("/actuator/health/ami", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(admin().getForEntity("/actuator/health/ami", JsonNode.class).getBody().path("details")
                .path("asterisk").asText()).startsWith("Asterisk 2");
    }

    @Test
    void theActuatorsIndexAndInfoNeedTheAdmin() {
        for (String path : List.of("/actuator", "/actuator/info")) {
            ResponseEntity<JsonNode> anonymous = http.getForEntity(path, JsonNode.class);
            assertThat(anonymous.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(anonymous.getBody().path("code").asText()).as(path).isEqualTo("ADMIN_AUTH_REQUIRED");
            assertThat(http.withBasicAuth("agent1", "agent1-test-password").getForEntity(path, String.class)
                    .getStatusCode()).as(path + " as an agent").isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(admin().getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        }
    }

    private TestRestTemplate admin() {
        return http.withBasicAuth(ADMIN, ADMIN_PASSWORD);
    }
}
