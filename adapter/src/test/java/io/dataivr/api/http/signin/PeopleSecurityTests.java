package io.dataivr.api.http.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.dataivr.fixtures.MockMvcSignIn;
import io.dataivr.fixtures.InMemoryConsoleUsers;
import io.dataivr.signin.ConsoleUser;
import io.dataivr.signin.Role;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The sign-in form, the session, CSRF and /api/v1/me, with users from all three sources: agents of
 * the settings, the admin of the settings, and a supervisor and an agent in the users table.
 */
@WebMvcTest(controllers = MeController.class)
@TestPropertySource(properties = {"dataivr.admin.username=boss", "dataivr.admin.password=s3cret",
        "dataivr.agent-auth.passwords.agent1=one-secret", "dataivr.agent-auth.passwords.agent2=two-secret"})
class PeopleSecurityTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    InMemoryConsoleUsers table;
    MockMvcSignIn browsers;

    @BeforeEach
    void users() {
        table.clear();
        BCryptPasswordEncoder fast = new BCryptPasswordEncoder(4);
        table.add(new ConsoleUser("sup", Role.SUPERVISOR, "{bcrypt}" + fast.encode("sup-secret")), "test");
        table.add(new ConsoleUser("agent7", Role.AGENT, "{bcrypt}" + fast.encode("seven-secret")), "test");
        browsers = new MockMvcSignIn(mvc);
    }

    @Test
    void theSignInPageHandsOutAnXsrfTokenCookieThatScriptsCanRead() throws Exception {
        Cookie cookie = mvc.perform(get("/login")).andExpect(status().isOk()).andReturn().getResponse()
                .getCookie("XSRF-TOKEN");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isFalse();
        assertThat(cookie.getValue()).hasSizeGreaterThan(20);
        mvc.perform(get("/login")).andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")));
    }

    @Test
    void anAgentLandsOnItsConsoleAndMeSaysWhoItIs() throws Exception {
        MockMvcSignIn.Browser agent = browsers.signIn("agent1", "one-secret");
        assertThat(agent.redirectedTo()).isEqualTo("/agent/");
        mvc.perform(agent.get("/api/v1/me"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("agent1"))
                .andExpect(jsonPath("$.roles[0]").value("agent"))
                .andExpect(jsonPath("$.roles.length()").value(1))
                .andExpect(jsonPath("$.agent").value("agent1"));
        MockMvcSignIn.Browser fromTable = browsers.signIn("agent7", "seven-secret");
        assertThat(fromTable.redirectedTo()).isEqualTo("/agent/");
        mvc.perform(fromTable.get("/api/v1/me")).andExpect(jsonPath("$.agent").value("agent7"));
    }

    @Test
    void aSupervisorAndTheAdminLandOnTheWallboardAndAreNoAgent() throws Exception {
        MockMvcSignIn.Browser supervisor = browsers.signIn("sup", "sup-secret");
        assertThat(supervisor.redirectedTo()).isEqualTo("/wallboard/");
        mvc.perform(supervisor.get("/api/v1/me"))
                .andExpect(jsonPath("$.name").value("sup"))
                .andExpect(jsonPath("$.roles[0]").value("supervisor"))
                .andExpect(jsonPath("$.agent").isEmpty());
        MockMvcSignIn.Browser admin = browsers.signIn("boss", "s3cret");
        assertThat(admin.redirectedTo()).isEqualTo("/wallboard/");
        mvc.perform(admin.get("/api/v1/me")).andExpect(jsonPath("$.roles[0]").value("admin"));
    }

    @Test
    void aPageAskedForBeforeSigningInIsWhereTheFormLeads() throws Exception {
        var asked = mvc.perform(get("/agent/?agent=agent2")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/login")).andReturn();
        var session = (org.springframework.mock.web.MockHttpSession) asked.getRequest().getSession(false);
        String csrf = browsers.csrfFromLoginPage();
        mvc.perform(post("/login").session(session).param("username", "sup").param("password", "sup-secret")
                        .param("_csrf", csrf).cookie(new Cookie("XSRF-TOKEN", csrf)))
                .andExpect(redirectedUrl("http://localhost/agent/?agent=agent2&continue"));
        // An agent sent to the form from the wallboard goes to its console instead of a 403.
        var wallboard = mvc.perform(get("/wallboard/")).andReturn();
        var other = (org.springframework.mock.web.MockHttpSession) wallboard.getRequest().getSession(false);
        String token = browsers.csrfFromLoginPage();
        mvc.perform(post("/login").session(other).param("username", "agent1").param("password", "one-secret")
                        .param("_csrf", token).cookie(new Cookie("XSRF-TOKEN", token)))
                .andExpect(redirectedUrl("/agent/"));
    }

    @Test
    void aWrongPasswordGoesBackToTheFormWithItsMessageAndSignsNobodyIn() throws Exception {
        MockMvcSignIn.Browser refused = browsers.signIn("agent1", "wrong-password");
        assertThat(refused.redirectedTo()).isEqualTo("/login?error=bad");
        mvc.perform(refused.get("/api/v1/me")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("SIGNIN_REQUIRED"));
        assertThat(browsers.signIn("nobody", "whatever").redirectedTo()).isEqualTo("/login?error=bad");
    }

    @Test
    void theFormWithoutItsCsrfTokenIsRefusedAndSignsNobodyIn() throws Exception {
        var result = mvc.perform(post("/login").param("username", "agent1").param("password", "one-secret"))
                .andExpect(redirectedUrl("/login?error=csrf")).andReturn();
        var session = result.getRequest().getSession(false);
        if (session != null) {
            mvc.perform(get("/api/v1/me").session((org.springframework.mock.web.MockHttpSession) session))
                    .andExpect(status().isUnauthorized());
        }
    }

    @Test
    void nobodySignedInOpensNoPageAndNoApi() throws Exception {
        for (String page : new String[] {"/agent/", "/wallboard/", "/agent/index.html"}) {
            mvc.perform(get(page)).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        }
        mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("SIGNIN_REQUIRED"))
                .andExpect(header().string("WWW-Authenticate", containsString("Basic realm=\"DataIVR\"")));
        mvc.perform(get("/api/v1/wallboard/queues").header("Sec-Fetch-Mode", "cors"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("WWW-Authenticate"))
                .andExpect(jsonPath("$.code").value("SIGNIN_REQUIRED"));
        mvc.perform(post("/api/v1/agents/agent1/pause"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("AGENT_AUTH_REQUIRED"));
        mvc.perform(get("/api/v1/agents/agent1").header("X-Requested-With", "XMLHttpRequest"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("WWW-Authenticate"))
                .andExpect(jsonPath("$.code").value("AGENT_AUTH_REQUIRED"));
    }

    @Test
    void anEndedSessionSendsPagesToTheFormAndApisGetSessionExpired() throws Exception {
        mvc.perform(get("/agent/").with(request -> {
            request.setRequestedSessionId("ended");
            request.setRequestedSessionIdValid(false);
            return request;
        })).andExpect(redirectedUrl("/login?error=expired"));
        mvc.perform(get("/api/v1/me").with(request -> {
            request.setRequestedSessionId("ended");
            request.setRequestedSessionIdValid(false);
            return request;
        })).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("SESSION_EXPIRED"));
    }

    @Test
    void signingOutEndsTheSessionAndNeedsTheCsrfToken() throws Exception {
        MockMvcSignIn.Browser agent = browsers.signIn("agent1", "one-secret");
        mvc.perform(agent.postWithoutCsrf("/logout")).andExpect(redirectedUrl("/login?error=csrf"));
        mvc.perform(agent.get("/api/v1/me")).andExpect(status().isOk());
        mvc.perform(agent.post("/logout")).andExpect(redirectedUrl("/login?signed-out"));
        assertThat(agent.session().isInvalid()).isTrue();
    }

    @Test
    void scriptsStillUseHttpBasicWithoutSessionOrCsrf() throws Exception {
        var result = mvc.perform(get("/api/v1/me").with(httpBasic("sup", "sup-secret")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.roles[0]").value("supervisor"))
                .andReturn();
        assertThat(result.getRequest().getSession(false)).isNull();
        assertThat(result.getResponse().getCookie("XSRF-TOKEN")).isNull();
        mvc.perform(post("/api/v1/agents/agent1/pause").with(httpBasic("sup", "sup-secret")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/me").with(httpBasic("sup", "wrong"))).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("SIGNIN_REQUIRED"));
    }
}
