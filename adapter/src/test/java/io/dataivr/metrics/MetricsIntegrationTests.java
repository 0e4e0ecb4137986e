package io.dataivr.metrics;

import static io.dataivr.fixtures.AppClient.isCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.AppClient;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.fixtures.RestSessions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * {@code /actuator/prometheus} scraped over HTTP, as Prometheus does, while a real call goes through
 * Asterisk's queue: an app customer waits while the only agent is paused, is answered once the agent
 * resumes, talks and is hung up on; every figure moves as it happened. Only the admin and the scrape
 * user may read the metrics.
 */
@IntegrationTest
class MetricsIntegrationTests {

    private static final String QUEUE = "support";
    private static final Map<String, String> SUPPORT = Map.of("queue", QUEUE);

    @RegisterExtension
    static final PhonesOnQueue phones = PhonesOnQueue.on(QUEUE, "dataivr-metrics")
            .agentPhone("agent5", "127.0.0.35", 1200)
            .customerPhone("customer2", "127.0.0.46", 480); // the app's phone

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;

    @Test
    void theScrapedFiguresFollowARealCallThroughTheQueueToTheAgentAndItsHangUp() throws Exception {
        phones.onlyAgentLoggedIn("agent5");
        phones.agents().pause("agent5", "metrics test");
        Scrape before = scrape();
        assertThat(before.value("dataivr_queue_idle_agents", SUPPORT)).isZero();
        assertThat(before.value("dataivr_agents", Map.of("queue", QUEUE, "state", "paused"))).isEqualTo(1);
        assertThat(before.value("dataivr_queue_waiting_callers", SUPPORT)).isZero();

        AppClient app = AppClient.open(port);
        try {
            phones.phone("customer2").control().dial(app.askForAgent());
            app.next(m -> isCall(m, "queued"));
            await().atMost(PhonesOnQueue.WAIT).untilAsserted(() -> {
                Scrape waiting = scrape();
                assertThat(waiting.value("dataivr_queue_waiting_callers", SUPPORT)).isEqualTo(1);
                assertThat(waiting.value("dataivr_queue_longest_wait_seconds", SUPPORT)).isPositive();
                assertThat(waiting.delta(before, "dataivr_calls_offered_total", SUPPORT)).isEqualTo(1);
                assertThat(waiting.delta(before, "dataivr_calls_answered_total", SUPPORT)).isZero();
                assertThat(waiting.value("dataivr_ipchannel_sessions", Map.of("channel", "ws"))).isPositive();
            });

            // The agent comes back: the waiting caller is the agent's next call.
            phones.agents().resume("agent5");
            phones.awaitTalking("agent5");
            app.next(m -> isCall(m, "talking"));
            await().atMost(PhonesOnQueue.WAIT).untilAsserted(() -> {
                Scrape talking = scrape();
                assertThat(talking.delta(before, "dataivr_calls_answered_total", SUPPORT)).isEqualTo(1);
                assertThat(talking.delta(before, "dataivr_call_wait_seconds_count",
                        Map.of("queue", QUEUE, "outcome", "answered"))).isEqualTo(1);
                assertThat(talking.value("dataivr_queue_waiting_callers", SUPPORT)).isZero();
                assertThat(talking.value("dataivr_queue_idle_agents", SUPPORT)).isZero();
                assertThat(talking.value("dataivr_agents", Map.of("queue", QUEUE, "state", "talking"))).isEqualTo(1);
                assertThat(talking.value("dataivr_agents", Map.of("queue", QUEUE, "state", "paused"))).isZero();
            });

            // The agent hangs up: the talk time is in the histogram, the agent idle at the FIFO's tail.
            phones.phone("agent5").control().hangup();
            app.next(m -> isCall(m, "ended"));
            phones.awaitIdle("agent5");
            await().atMost(PhonesOnQueue.WAIT).untilAsserted(() -> {
                Scrape after = scrape();
                assertThat(after.delta(before, "dataivr_call_handle_seconds_count", SUPPORT)).isEqualTo(1);
                assertThat(after.delta(before, "dataivr_call_handle_seconds_sum", SUPPORT)).isPositive();
                assertThat(after.value("dataivr_queue_idle_agents", SUPPORT)).isEqualTo(1);
                assertThat(after.value("dataivr_agents", Map.of("queue", QUEUE, "state", "idle"))).isEqualTo(1);
                assertThat(after.delta(before, "dataivr_calls_abandoned_total", SUPPORT)).isZero();
            });

            // The session that asked for an agent ends: not contained.
            app.client().end().get();
        } finally {
            app.close();
        }
        await().atMost(PhonesOnQueue.WAIT).untilAsserted(() -> assertThat(
                scrape().delta(before, "dataivr_sessions_ended_total", Map.of("contained", "false"))).isPositive());

        // A REST session that only reads an answer: open over REST, then contained when it ends.
        RestSessions rest = new RestSessions(http);
        String session = rest.open(Map.of("language", "en", "client", "metrics-contained"));
        assertThat(rest.choose(session, "1").getBody().path("type").asText()).isEqualTo("content");
        Scrape open = scrape();
        assertThat(open.value("dataivr_ipchannel_sessions", Map.of("channel", "rest"))).isPositive();
        double containedBefore = open.value("dataivr_sessions_ended_total", Map.of("contained", "true"));
        assertThat(rest.end(session).getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(scrape().value("dataivr_sessions_ended_total", Map.of("contained", "true")))
                .isGreaterThan(containedBefore);
    }

    @Test
    void onlyTheAdminAndTheScrapeUserMayReadTheMetrics() {
        ResponseEntity<JsonNode> anonymous = http.getForEntity("/actuator/prometheus", JsonNode.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getBody().path("code").asText()).isEqualTo("ADMIN_AUTH_REQUIRED");
        assertThat(http.withBasicAuth("test-scraper", "wrong").getForEntity("/actuator/prometheus", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("agent1", "agent1-test-password")
                .getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        for (TestRestTemplate reader : List.of(http.withBasicAuth("test-admin", "test-admin-secret"),
                http.withBasicAuth("test-scraper", "test-scraper-secret"))) {
            ResponseEntity<String> metrics = reader.getForEntity("/actuator/prometheus", String.class);
            assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(metrics.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_PLAIN)).isTrue();
            assertThat(metrics.getBody()).contains("# TYPE dataivr_calls_offered_total counter",
                    "# TYPE dataivr_call_wait_seconds histogram", "# TYPE dataivr_queue_waiting_callers gauge");
        }

        // The scrape user reads the metrics and nothing else.
        TestRestTemplate scraper = http.withBasicAuth("test-scraper", "test-scraper-secret");
        for (String path : List.of("/actuator", "/actuator/info", "/actuator/health/ami")) {
            ResponseEntity<JsonNode> refused = scraper.getForEntity(path, JsonNode.class);
            assertThat(refused.getStatusCode()).as(path).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        }
        assertThat(scraper.getForEntity("/actuator/health", String.class).getBody()).as("bare status")
                .doesNotContain("components");
        assertThat(scraper.getForEntity("/api/v1/admin/menus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private Scrape scrape() {
        ResponseEntity<String> response = http.withBasicAuth("test-admin", "test-admin-secret")
                .getForEntity("/actuator/prometheus", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return Scrape.parse(response.getBody());
    }
}
