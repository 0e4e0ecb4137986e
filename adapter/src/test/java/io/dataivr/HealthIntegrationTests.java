package io.dataivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

@IntegrationTest
class HealthIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Test
    void healthShowsAmiRedisAndTheDatabaseUpWhenEachIsReallyConnected() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode health = http.getForObject("/actuator/health", JsonNode.class);
            assertThat(health.path("components").path("ami").path("status").asText()).isEqualTo("UP");
            assertThat(health.path("components").path("ami").path("details").path("asterisk").asText())
                    .startsWith("Asterisk 2");
            assertThat(health.path("components").path("redis").path("status").asText()).isEqualTo("UP");
            assertThat(health.path("components").path("redis").path("details").path("ping").asText()).isEqualTo("PONG");
            assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
            assertThat(health.path("status").asText()).isEqualTo("UP");
        });
    }
}
