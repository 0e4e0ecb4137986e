package io.dataivr.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.dataivr.agent.AgentService;
import io.dataivr.screen.ScreenService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** No agent passwords and no admin (the production default): the agent endpoints refuse everything. */
@WebMvcTest(controllers = {AgentController.class, AgentScreenController.class})
@ExtendWith(OutputCaptureExtension.class)
class AgentSecurityNotConfiguredTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    AgentService agents;
    @MockitoBean
    ScreenService screens;

    @Test
    void everyAgentRequestIsRefusedWithAClearCodeWhateverItSends() throws Exception {
        mvc.perform(get("/api/v1/agents/agent1/screen"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("AGENT_AUTH_NOT_CONFIGURED"));
        mvc.perform(post("/api/v1/agents/agent1/login").with(httpBasic("agent1", "agent1")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("AGENT_AUTH_NOT_CONFIGURED"));
        mvc.perform(get("/ws/v1/agent?agent=agent1"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("AGENT_AUTH_NOT_CONFIGURED"));
        verifyNoInteractions(agents, screens);
    }

    @Test
    void theStartWarnsHowToSetThem(CapturedOutput output) {
        assertThat(output.getAll()).contains("WARN", "the agent API and screens", "dataivr.agent-auth.password-file");
    }
}
