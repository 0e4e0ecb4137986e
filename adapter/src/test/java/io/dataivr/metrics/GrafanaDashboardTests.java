package io.dataivr.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.agent.AgentFeature;
import io.dataivr.fixtures.FakeQueueMembership;
import io.dataivr.fixtures.InMemoryIdleAgentMirror;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/grafana-dashboard.json asks only for what the adapter serves: every {@code dataivr_*} series its
 * queries name is in a scrape of the adapter's meters, its service-level choices are buckets of the wait
 * histogram, and every panel reads the data source chosen at import ({@code ${DS_PROMETHEUS}}).
 */
class GrafanaDashboardTests {

    private static final Path DASHBOARD = Path.of(System.getenv().getOrDefault("DATAIVR_HOME", ".."))
            .resolve("docs/grafana-dashboard.json");
    private static final Pattern SERIES = Pattern.compile("\\bdataivr_[a-z_]+");

    private final JsonNode dashboard;
    private final Scrape scrape;

    GrafanaDashboardTests() throws Exception {
        dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new QueueCallMetrics(registry, Clock.systemUTC(), List.of("support"), MetricsProperties.defaults());
        new AgentMetrics(AgentFeature.over(new FakeQueueMembership(), new InMemoryIdleAgentMirror(),
                (agent, from, to, reason) -> { }).service(), List.of("support")).bindTo(registry);
        new SessionMetrics(registry);
        new IpChannelMetrics(() -> 0, () -> 0).bindTo(registry);
        scrape = Scrape.parse(registry.scrape());
        registry.close();
    }

    @Test
    void everySeriesTheQueriesNameIsServed() {
        Set<String> served = scrape.samples().stream().map(Scrape.Sample::name).collect(Collectors.toSet());
        List<String> queries = queries();
        assertThat(queries).hasSizeGreaterThan(10);
        for (String query : queries) {
            Matcher series = SERIES.matcher(query);
            assertThat(series.find()).as("a query of DataIVR's: %s", query).isTrue();
            do {
                assertThat(served).as(query).contains(series.group());
            } while (series.find());
        }
        assertThat(String.join("\n", queries)).contains("histogram_quantile", "dataivr_call_wait_seconds_bucket",
                "dataivr_call_handle_seconds_bucket", "dataivr_sessions_ended_total{contained=\"true\"}",
                "dataivr_agents", "dataivr_queue_idle_agents", "dataivr_queue_waiting_callers");
    }

    @Test
    void theServiceLevelChoicesAreBucketsOfTheWaitHistogram() {
        Set<String> buckets = scrape.samples().stream().filter(s -> s.name().equals("dataivr_call_wait_seconds_bucket"))
                .map(s -> s.labels().get("le")).collect(Collectors.toSet());
        JsonNode sl = variable("sl");
        assertThat(sl.path("current").path("value").asText()).isEqualTo("20.0");
        for (JsonNode option : sl.path("options")) {
            assertThat(buckets).contains(option.path("value").asText());
        }
    }

    @Test
    void everyPanelReadsTheDataSourceChosenAtImport() {
        assertThat(dashboard.path("__inputs").get(0).path("name").asText()).isEqualTo("DS_PROMETHEUS");
        assertThat(dashboard.path("__inputs").get(0).path("pluginId").asText()).isEqualTo("prometheus");
        for (JsonNode panel : dashboard.path("panels")) {
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                        .isEqualTo("${DS_PROMETHEUS}");
                panel.path("targets").forEach(t -> assertThat(t.path("datasource").path("uid").asText())
                        .isEqualTo("${DS_PROMETHEUS}"));
            }
        }
        assertThat(variable("queue").path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
    }

    private List<String> queries() {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(t -> queries.add(t.path("expr").asText()));
        }
        return queries;
    }

    private JsonNode variable(String name) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no variable " + name);
    }
}
