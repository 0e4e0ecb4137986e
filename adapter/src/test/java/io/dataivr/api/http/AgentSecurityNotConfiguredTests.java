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

/**
 * No agent passwords, no admin and an empty users table (the production default): nobody can sign
 * in, so every agent request is refused, and the start says how to add someone.
 */
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
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("AGENT_AUTH_REQUIRED"));
        mvc.perform(post("/api/v1/agents/agent1/login").with(httpBasic("agent1", "agent1")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("AGENT_AUTH_REQUIRED"));
        mvc.perform(get("/ws/v1/agent?agent=agent1"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("AGENT_AUTH_REQUIRED"));
        verifyNoInteractions(agents, screens);
    }

    @Test
    void theStartWarnsHowToAddSomeone(CapturedOutput output) {
        assertThat(output.getAll()).contains("WARN", "nobody can sign in yet", "./dataivr user add",
                "dataivr.agent-auth.password-file");
    }
}
