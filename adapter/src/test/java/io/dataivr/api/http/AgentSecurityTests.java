package io.dataivr.api.http;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.dataivr.agent.Agent;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.AgentState;
import io.dataivr.fixtures.MockMvcSignIn;
import io.dataivr.screen.AgentScreen;
import io.dataivr.screen.ScreenService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The agent endpoints with agents and an admin configured: each agent its own, the admin all. */
@WebMvcTest(controllers = {AgentController.class, AgentScreenController.class})
@TestPropertySource(properties = {"dataivr.admin.username=boss", "dataivr.admin.password=s3cret",
        "dataivr.agent-auth.passwords.agent1=one-secret", "dataivr.agent-auth.passwords.agent2=two-secret"})
class AgentSecurityTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    AgentService agents;
    @MockitoBean
    ScreenService screens;

    @Test
    void withoutCredentialsEveryAgentEndpointAnswers401WithItsCodeAndABasicChallenge() throws Exception {
        for (String path : List.of("/api/v1/agents/agent1", "/api/v1/agents/agent1/screen", "/api/v1/agents",
                "/api/v1/queues/support/idle-agents", "/ws/v1/agent?agent=agent1")) {
            mvc.perform(get(path))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", containsString("Basic realm=\"DataIVR agents\"")))
                    .andExpect(jsonPath("$.code").value("AGENT_AUTH_REQUIRED"));
        }
        mvc.perform(post("/api/v1/agents/agent1/logout").with(httpBasic("agent1", "two-secret")))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(agents, screens);
    }

    @Test
    void aPasswordThatPassedOnceDoesNotLetAWrongOneInLater() throws Exception {
        given(agents.agent("agent2")).willReturn(new Agent("agent2", AgentState.LOGGED_OUT, List.of(), null, 0));
        mvc.perform(get("/api/v1/agents/agent2").with(httpBasic("agent2", "two-secret"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/agents/agent2").with(httpBasic("agent2", "one-secret")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("AGENT_AUTH_REQUIRED"));
        mvc.perform(get("/api/v1/agents/agent2").with(httpBasic("agent2", "two-secret"))).andExpect(status().isOk());
    }

    @Test
    void anAgentUsesItsOwnEndpointsAndScreen() throws Exception {
        given(agents.logout("agent1")).willReturn(new Agent("agent1", AgentState.LOGGED_OUT, List.of(), null, 0));
        given(screens.screenOf("agent1")).willReturn(AgentScreen.idle("agent1"));

        mvc.perform(post("/api/v1/agents/agent1/logout").with(httpBasic("agent1", "one-secret")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("LOGGED_OUT"));
        mvc.perform(get("/api/v1/agents/agent1/screen").with(httpBasic("agent1", "one-secret")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("no-call"));
        verify(agents).logout("agent1");
    }

    @Test
    void anAgentMayNotUseAnotherAgentsEndpointsNorOpenItsScreen() throws Exception {
        mvc.perform(post("/api/v1/agents/agent2/pause").with(httpBasic("agent1", "one-secret")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("AGENT_FORBIDDEN"));
        mvc.perform(get("/api/v1/agents/agent2/screen").with(httpBasic("agent1", "one-secret")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("AGENT_FORBIDDEN"));
        mvc.perform(get("/ws/v1/agent?agent=agent2").with(httpBasic("agent1", "one-secret")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("AGENT_FORBIDDEN"));
        mvc.perform(get("/ws/v1/agent").with(httpBasic("agent1", "one-secret")))
                .andExpect(status().isForbidden());
        verifyNoInteractions(agents, screens);
    }

    @Test
    void agentAndAdminNamesAreMatchedExactlyByOneRule() throws Exception {
        for (String name : List.of("AGENT1", "Agent1", "BOSS", "Boss")) {
            String password = name.equalsIgnoreCase("boss") ? "s3cret" : "one-secret";
            mvc.perform(get("/api/v1/agents/agent1/screen").with(httpBasic(name, password)))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.code").value("AGENT_AUTH_REQUIRED"));
        }
        verifyNoInteractions(agents, screens);
    }

    @Test
    void theAdminMaySeeAnyScreenAndActForAnyAgent() throws Exception {
        given(screens.screenOf("agent2")).willReturn(AgentScreen.idle("agent2"));
        given(agents.resume("agent2")).willReturn(new Agent("agent2", AgentState.IDLE, List.of("support"), null, 0));

        mvc.perform(get("/api/v1/agents/agent2/screen").with(httpBasic("boss", "s3cret")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.agent").value("agent2"));
        mvc.perform(post("/api/v1/agents/agent2/resume").with(httpBasic("boss", "s3cret")))
                .andExpect(status().isOk());
        verify(agents).resume("agent2");
    }

    @Test
    void aSignedInPageChangesNothingWithoutTheCsrfTokenAndActsWithIt() throws Exception {
        given(agents.pauseFor("agent1", null)).willReturn(new Agent("agent1", AgentState.PAUSED, List.of("support"), null, 0));
        MockMvcSignIn.Browser agent1 = new MockMvcSignIn(mvc).signIn("agent1", "one-secret");

        mvc.perform(agent1.postWithoutCsrf("/api/v1/agents/agent1/pause"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("CSRF_TOKEN_MISSING"));
        mvc.perform(agent1.postWithoutCsrf("/api/v1/agents/agent1/pause").header("X-XSRF-TOKEN", "forged"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("CSRF_TOKEN_INVALID"));
        verifyNoInteractions(agents);

        mvc.perform(agent1.post("/api/v1/agents/agent1/pause")).andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("PAUSED"));
        verify(agents).pauseFor("agent1", null);
    }

    @Test
    void aSignedInAgentOpensNeitherAnotherAgentsApiNorItsScreen() throws Exception {
        MockMvcSignIn.Browser agent1 = new MockMvcSignIn(mvc).signIn("agent1", "one-secret");
        mvc.perform(agent1.get("/api/v1/agents/agent2/screen")).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("AGENT_FORBIDDEN"));
        mvc.perform(agent1.get("/ws/v1/agent?agent=agent2")).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("AGENT_FORBIDDEN"));
        mvc.perform(agent1.post("/api/v1/agents/agent2/pause")).andExpect(status().isForbidden());
        verifyNoInteractions(agents, screens);
    }

    @Test
    void agentCredentialsOpenNothingOfTheAdminApi() throws Exception {
        mvc.perform(get("/api/v1/admin/menus").with(httpBasic("agent1", "one-secret")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("ADMIN_AUTH_REQUIRED"));
    }
}
