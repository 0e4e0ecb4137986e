package io.dataivr.api.http.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.dataivr.fixtures.MockMvcSignIn;
import io.dataivr.fixtures.InMemoryConsoleUsers;
import io.dataivr.signin.ConsoleUser;
import io.dataivr.signin.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The role matrix of {@link AccessRules}, each person signed in through the form (session + CSRF)
 * and again with HTTP Basic: "allowed" is anything but 401/403 (here no controller exists behind most
 * paths, so an allowed request gets 404; the controllers' own tests cover what they answer).
 */
@WebMvcTest(controllers = MeController.class)
@TestPropertySource(properties = {"dataivr.admin.username=boss", "dataivr.admin.password=s3cret",
        "dataivr.agent-auth.passwords.agent1=one-secret", "dataivr.agent-auth.passwords.agent2=two-secret"})
class AccessRulesTests {

    private static final String[] REQUESTS = {
        "GET /agent/", "GET /agent/?agent=agent2", "GET /wallboard/", "GET /api/v1/me", "GET /api/v1/console/anything",
        "GET /api/v1/wallboard/queues", "GET /api/v1/reports/calls.csv", "GET /ws/v1/wallboard",
        "GET /api/v1/agents", "GET /api/v1/queues/support/idle-agents",
        "GET /api/v1/agents/agent1", "GET /api/v1/agents/agent1/screen", "GET /ws/v1/agent?agent=agent1",
        "POST /api/v1/agents/agent1/login", "POST /api/v1/agents/agent1/resume",
        "POST /api/v1/agents/agent1/pause", "POST /api/v1/agents/agent1/logout",
        "GET /api/v1/agents/agent2", "GET /ws/v1/agent?agent=agent2", "POST /api/v1/agents/agent2/pause",
        "POST /api/v1/agents/agent2/login", "GET /ws/v1/agent", "POST /api/v1/queues/support/anything",
    };

    @Autowired
    MockMvc mvc;
    @Autowired
    InMemoryConsoleUsers table;

    @BeforeEach
    void users() {
        table.clear();
        table.add(new ConsoleUser("sup", Role.SUPERVISOR, "{bcrypt}" + new BCryptPasswordEncoder(4).encode("sup-secret")),
                "test");
    }

    @Test
    void anAgentOpensItsOwnConsoleApisAndScreenAndNothingOfAnotherAgentNorTheWallboard() throws Exception {
        assertMatrix("agent1", "one-secret", "+ + - + + - - - + + + + + + + + + - - - - - -");
    }

    @Test
    void aSupervisorWatchesEveryAgentPausesAndLogsThemOutButActsForNoneOtherwise() throws Exception {
        assertMatrix("sup", "sup-secret", "+ + + + + + + + + + + + + - - + + + + + - + -");
    }

    @Test
    void theAdminMayDoEverything() throws Exception {
        assertMatrix("boss", "s3cret", "+ + + + + + + + + + + + + + + + + + + + + + +");
    }

    /** {@code expected}: per request of {@link #REQUESTS}, + allowed, - forbidden (403); by form and by Basic. */
    private void assertMatrix(String name, String password, String expected) throws Exception {
        String[] want = expected.split(" ");
        assertThat(want).hasSameSizeAs(REQUESTS);
        MockMvcSignIn.Browser browser = new MockMvcSignIn(mvc).signIn(name, password);
        assertThat(browser.redirectedTo()).as("signed in").doesNotStartWith("/login");
        Map<String, String> bySession = new LinkedHashMap<>();
        Map<String, String> byBasic = new LinkedHashMap<>();
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < REQUESTS.length; i++) {
            String[] request = REQUESTS[i].split(" ");
            MockHttpServletRequestBuilder page = request[0].equals("GET") ? browser.get(request[1]) : browser.post(request[1]);
            bySession.put(REQUESTS[i], outcome(mvc.perform(page).andReturn().getResponse().getStatus()));
            MockHttpServletRequestBuilder script = request[0].equals("GET") ? get(request[1])
                    : org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(request[1]);
            if (!request[1].startsWith("/agent") && !request[1].startsWith("/wallboard")) {
                byBasic.put(REQUESTS[i], outcome(mvc.perform(script.with(httpBasic(name, password))).andReturn()
                        .getResponse().getStatus()));
            }
            wanted.put(REQUESTS[i], want[i]);
        }
        assertThat(bySession).as("signed in with the form").isEqualTo(wanted);
        Map<String, String> wantedByBasic = new LinkedHashMap<>(wanted);
        wantedByBasic.keySet().retainAll(byBasic.keySet());
        assertThat(byBasic).as("HTTP Basic").isEqualTo(wantedByBasic);
    }

    private static String outcome(int status) {
        if (status == 401) {
            return "401?";
        }
        return status == 403 ? "-" : "+";
    }
}
