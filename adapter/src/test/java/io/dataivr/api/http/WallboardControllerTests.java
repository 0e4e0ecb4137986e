package io.dataivr.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.agent.AgentFeature;
import io.dataivr.call.ChannelId;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.fixtures.FakeQueueMembership;
import io.dataivr.fixtures.InMemoryIdleAgentMirror;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.report.CallOrigin;
import io.dataivr.report.CallOrigins;
import io.dataivr.report.CallRecord;
import io.dataivr.report.CallReportStore;
import io.dataivr.report.ReportDay;
import io.dataivr.report.ReportProperties;
import io.dataivr.report.SessionCounts;
import io.dataivr.report.WallboardService;
import io.dataivr.session.device.DeviceKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** GET /api/v1/wallboard and the calls CSV over MockMvc, on a wallboard with a clock of the test's own. */
class WallboardControllerTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T03:00:00Z")); // 11:00 in Shanghai
    private final List<ReportDay> asked = new ArrayList<>();
    private final CallReportStore store = new CallReportStore() {
        @Override
        public List<CallRecord> calls(ReportDay day) {
            asked.add(day);
            return List.of(new CallRecord("vr-1", UUID.fromString("00000000-0000-4000-8000-000000000001"), "=cmd|x",
                    "support", CallOrigin.APP, Instant.parse("2026-12-05T01:00:00Z"), null,
                    Instant.parse("2026-12-05T01:00:10Z"), Instant.parse("2026-12-05T01:01:10Z"), "agent1",
                    "completed by caller"));
        }

        @Override
        public SessionCounts sessions(ReportDay day) {
            return new SessionCounts(4, 4, 3);
        }
    };
    private final AgentFeature agents = AgentFeature.over(new FakeQueueMembership(), new InMemoryIdleAgentMirror(),
            (agent, from, to, reason) -> { });
    private final WallboardService wallboard = WallboardService.over(agents.service(),
            new CallOrigins(id -> DeviceKind.SIP), List.of("support"), store,
            new ReportProperties(20, "Asia/Shanghai", Duration.ofMillis(250), Duration.ofSeconds(2)), clock,
            Executors.newSingleThreadScheduledExecutor());
    private final MockMvc mvc = MockMvcBuilders
            .standaloneSetup(new WallboardController(wallboard), new CallsReportController(wallboard))
            .setControllerAdvice(new ApiExceptionHandler()).build();

    @AfterEach
    void stop() {
        wallboard.close();
    }

    @Test
    void theBoardIsOneJsonSnapshotWithWaitsCountedAtItsTime() throws Exception {
        agents.service().login("agent1", "support");
        wallboard.on(new QueueCallEvent.CallerJoined("support", ChannelId.of("c1"), 1));
        clock.advance(Duration.ofSeconds(42));

        MockHttpServletResponse response = mvc.perform(get("/api/v1/wallboard")).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode board = JSON.readTree(response.getContentAsString());
        assertThat(board.path("type").asText()).isEqualTo("wallboard");
        assertThat(board.path("day").asText()).isEqualTo("2026-12-05");
        assertThat(board.path("zone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(board.path("serviceLevelSeconds").asInt()).isEqualTo(20);
        assertThat(board.path("sessions").path("containment").asDouble()).isEqualTo(0.75);
        JsonNode support = board.path("queues").get(0);
        assertThat(support.path("queue").asText()).isEqualTo("support");
        assertThat(support.path("waitingCount").asInt()).isEqualTo(1);
        assertThat(support.path("longestWaitSeconds").asLong()).isEqualTo(42);
        assertThat(support.path("waiting").get(0).path("origin").asText()).isEqualTo("phone");
        assertThat(support.path("waiting").get(0).path("waitSeconds").asLong()).isEqualTo(42);
        assertThat(support.path("fifo").get(0).path("agent").asText()).isEqualTo("agent1");
        assertThat(support.path("agents").get(0).path("state").asText()).isEqualTo("IDLE");
        assertThat(support.path("today").path("answered").asInt()).isEqualTo(1);
        assertThat(support.path("today").path("averageWaitSeconds").asDouble()).isEqualTo(10.0);
        assertThat(support.path("today").path("averageHandleSeconds").asDouble()).isEqualTo(60.0);
        assertThat(support.path("today").path("serviceLevel").asDouble()).isEqualTo(1.0);
    }

    @Test
    void theCsvIsADownloadNamedAfterItsDayTodayByDefault() throws Exception {
        MockHttpServletResponse today = mvc.perform(get("/api/v1/reports/calls.csv")).andReturn().getResponse();

        assertThat(today.getStatus()).isEqualTo(200);
        assertThat(today.getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(today.getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"dataivr-calls-2026-12-05.csv\"");
        String body = today.getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).startsWith("call_id,session_id,client_ref,").contains(",'=cmd|x,");

        MockHttpServletResponse other = mvc.perform(get("/api/v1/reports/calls.csv").param("date", "2026-11-30"))
                .andReturn().getResponse();
        assertThat(other.getHeader("Content-Disposition")).contains("dataivr-calls-2026-11-30.csv");
        assertThat(asked.get(asked.size() - 1).from()).isEqualTo(Instant.parse("2026-11-29T16:00:00Z"));
    }

    @Test
    void aDateThatIsNotADayIsRefusedWithAProblemAndNothingRead() throws Exception {
        for (String bad : List.of("2026-13-01", "yesterday", "2026-1-5", "2026-12-05T00:00", "'; drop table x")) {
            MockHttpServletResponse response = mvc.perform(get("/api/v1/reports/calls.csv").param("date", bad))
                    .andReturn().getResponse();
            assertThat(response.getStatus()).as(bad).isEqualTo(400);
            assertThat(JSON.readTree(response.getContentAsString()).path("code").asText()).isEqualTo("INVALID_FIELD");
        }
        assertThat(asked).isEmpty();
    }
}
