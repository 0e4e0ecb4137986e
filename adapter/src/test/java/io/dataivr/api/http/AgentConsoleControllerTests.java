package io.dataivr.api.http;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.dataivr.agent.Agent;
import io.dataivr.agent.AgentProperties;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.AgentState;
import io.dataivr.agent.UnknownPauseReason;
import io.dataivr.console.CallNotTaken;
import io.dataivr.console.CallerHistoryService;
import io.dataivr.console.Disposition;
import io.dataivr.console.DispositionService;
import io.dataivr.console.InvalidDisposition;
import io.dataivr.console.LoginQueues;
import io.dataivr.screen.ScreenService;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The console's endpoints over HTTP Basic: choices, state with since, end wrap-up, pause reasons, dispositions. */
@WebMvcTest(controllers = {AgentController.class, AgentConsoleController.class})
@TestPropertySource(properties = {"dataivr.admin.username=boss", "dataivr.admin.password=s3cret",
        "dataivr.agent-auth.passwords.agent1=one-secret", "dataivr.agent-auth.passwords.agent2=two-secret"})
class AgentConsoleControllerTests {

    private static final Instant SINCE = Instant.parse("2026-12-05T09:30:00Z");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    AgentService agents;
    @MockitoBean
    ScreenService screens;
    @MockitoBean
    LoginQueues loginQueues;
    @MockitoBean
    CallerHistoryService history;
    @MockitoBean
    DispositionService dispositions;

    @Test
    void theAgentReadsItsStateWithWhenItBegan() throws Exception {
        given(agents.agent("agent1")).willReturn(new Agent("agent1", AgentState.PAUSED, List.of("support"), "lunch", 0));
        given(agents.since("agent1")).willReturn(SINCE);
        mvc.perform(get("/api/v1/agents/agent1").with(httpBasic("agent1", "one-secret")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("PAUSED"))
                .andExpect(jsonPath("$.pauseReason").value("lunch"))
                .andExpect(jsonPath("$.since").value("2026-12-05T09:30:00Z"));
    }

    @Test
    void theConsoleReadsItsChoices() throws Exception {
        given(loginQueues.all()).willReturn(List.of("billing", "support"));
        AgentProperties defaults = AgentProperties.defaults();
        given(agents.pauseReasons()).willReturn(defaults.pauseReasons());
        given(agents.dispositions()).willReturn(defaults.dispositions());
        mvc.perform(get("/api/v1/agents/agent1/console").with(httpBasic("agent1", "one-secret")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.loginQueues[1]").value("support"))
                .andExpect(jsonPath("$.pauseReasons[1].code").value("lunch"))
                .andExpect(jsonPath("$.pauseReasons[1].labels['zh-CN']").value("用餐"))
                .andExpect(jsonPath("$.dispositions[0].code").value("resolved"));
        mvc.perform(get("/api/v1/agents/agent1/login-queues").with(httpBasic("agent1", "one-secret")))
                .andExpect(jsonPath("$.queues[0]").value("billing"));
    }

    @Test
    void aPauseForAReasonNotConfiguredIsA400WithItsCode() throws Exception {
        given(agents.pauseFor("agent1", "nap")).willThrow(new UnknownPauseReason("nap"));
        mvc.perform(post("/api/v1/agents/agent1/pause").with(httpBasic("agent1", "one-secret"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"nap\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("PAUSE_REASON_UNKNOWN"));
    }

    @Test
    void endWrapUpGoesThroughTheAgentService() throws Exception {
        given(agents.endWrapUp("agent1")).willReturn(new Agent("agent1", AgentState.IDLE, List.of("support"), null, 0));
        given(agents.since("agent1")).willReturn(SINCE);
        mvc.perform(post("/api/v1/agents/agent1/end-wrap-up").with(httpBasic("agent1", "one-secret")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("IDLE"));
        verify(agents).endWrapUp("agent1");
    }

    @Test
    void aDispositionIsRecordedAsTheSignedInUser() throws Exception {
        given(dispositions.dispose("agent1", "vr-1", "resolved", "fine", "boss"))
                .willReturn(new Disposition("resolved", "fine", "boss", SINCE));
        mvc.perform(post("/api/v1/agents/agent1/calls/vr-1/disposition").with(httpBasic("boss", "s3cret"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"disposition\":\"resolved\",\"note\":\"fine\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.disposedBy").value("boss"))
                .andExpect(jsonPath("$.disposedAt").value("2026-12-05T09:30:00Z"));
    }

    @Test
    void dispositionErrorsHaveStableCodesAndAnotherAgentIsStoppedBeforeTheService() throws Exception {
        willThrow(new InvalidDisposition("note: too long")).given(dispositions).dispose(any(), any(), any(), any(), any());
        mvc.perform(post("/api/v1/agents/agent1/calls/vr-1/disposition").with(httpBasic("agent1", "one-secret"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"disposition\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("DISPOSITION_INVALID"));
        willThrow(new CallNotTaken("agent1", "vr-2")).given(dispositions).dispose(any(), any(), any(), any(), any());
        mvc.perform(post("/api/v1/agents/agent1/calls/vr-2/disposition").with(httpBasic("agent1", "one-secret"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"disposition\":\"resolved\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("CALL_NOT_TAKEN"));
    }

    @Test
    void anotherAgentCannotReadTheConsoleOrRecordADisposition() throws Exception {
        mvc.perform(get("/api/v1/agents/agent1/caller-history").with(httpBasic("agent2", "two-secret")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/agents/agent1/calls/vr-1/disposition").with(httpBasic("agent2", "two-secret"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"disposition\":\"resolved\"}"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(history, dispositions);
    }
}
