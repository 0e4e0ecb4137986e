package io.dataivr.report;

import static io.dataivr.fixtures.AppClient.isCall;
import static io.dataivr.report.BoardFrames.names;
import static io.dataivr.report.BoardFrames.origins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.AgentCredentials;
import io.dataivr.fixtures.AppClient;
import io.dataivr.fixtures.JsonSocket;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.fixtures.SignIn;
import io.dataivr.signin.ConsoleUserStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The wallboard's live model against the real Asterisk queue and baresip phones, as /ws/v1/wallboard pushes it:
 * agents log in and pause (the FIFO in order), a phone dials the queue directly and an app customer asks for an
 * agent (both wait, each with its origin), the phone hangs up, the app's call is answered when an agent resumes
 * and then ends; another app customer gives up waiting. Today's figures (from PostgreSQL) move with the calls.
 */
@IntegrationTest
class WallboardIntegrationTests {

    private static final String QUEUE = "support";
    private static final Duration WAIT = PhonesOnQueue.WAIT;

    @RegisterExtension
    static final PhonesOnQueue phones = PhonesOnQueue.on(QUEUE, "dataivr-wallboard")
            .agentPhone("agent1", "127.0.0.151", 1300)
            .agentPhone("agent2", "127.0.0.152", 1400)
            .customerPhone("customer1", "127.0.0.153", 500)  // dials the queue directly: a phone caller
            .customerPhone("customer3", "127.0.0.154", 520); // the app's phone

    @LocalServerPort
    int port;
    @Autowired
    ConsoleUserStore users;

    @Test
    void theBoardFollowsTheFifoTheWaitingCallersWithTheirOriginAndTodaysFigures() throws Exception {
        phones.onlyAgentLoggedIn("agent1");
        phones.agents().login("agent2", QUEUE);
        SignIn.ensureTestSupervisor(users);
        String supervisor = basic(SignIn.SUPERVISOR, SignIn.SUPERVISOR_PASSWORD);
        try (JsonSocket socket = JsonSocket.open("ws://127.0.0.1:" + port + "/ws/v1/wallboard", supervisor)) {
            BoardFrames board = new BoardFrames(socket);
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode support = board.queue(QUEUE);
                assertThat(names(support, "fifo")).containsExactly("agent1", "agent2");
                assertThat(support.path("waiting")).isEmpty();
            });
            JsonNode before = board.queue(QUEUE).path("today");

            // Both pause: out of the FIFO, shown paused with their reasons.
            phones.agents().pause("agent1", "coffee");
            await().atMost(WAIT).untilAsserted(() -> assertThat(names(board.queue(QUEUE), "fifo"))
                    .containsExactly("agent2"));
            phones.agents().pause("agent2", "meeting");
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode support = board.queue(QUEUE);
                assertThat(names(support, "fifo")).isEmpty();
                assertThat(support.path("agents").findValuesAsText("state")).containsOnly("PAUSED");
                assertThat(support.path("agents").findValuesAsText("pauseReason")).containsExactly("coffee", "meeting");
            });

            // A phone dials the queue, then an app customer asks for an agent: both wait, in that order.
            phones.phone("customer1").control().dial("sip:q-support@127.0.0.1");
            await().atMost(WAIT).untilAsserted(() -> assertThat(origins(board.queue(QUEUE))).containsExactly("phone"));
            AppClient app = AppClient.open(port);
            try {
                phones.phone("customer3").control().dial(app.askForAgent());
                app.next(m -> isCall(m, "queued"));
                await().atMost(WAIT).untilAsserted(() -> {
                    JsonNode support = board.queue(QUEUE);
                    assertThat(origins(support)).containsExactly("phone", "app");
                    assertThat(support.path("waitingCount").asInt()).isEqualTo(2);
                    assertThat(support.path("waiting").findValuesAsText("position")).containsExactly("1", "2");
                });

                // The phone gives up: the app's caller is first now.
                phones.phone("customer1").control().hangup();
                await().atMost(WAIT).untilAsserted(() -> assertThat(origins(board.queue(QUEUE))).containsExactly("app"));

                // agent2 comes back: the app's call is its next one; nobody waits any more.
                phones.agents().resume("agent2");
                phones.awaitTalking("agent2");
                app.next(m -> isCall(m, "talking"));
                await().atMost(WAIT).untilAsserted(() -> {
                    JsonNode support = board.queue(QUEUE);
                    assertThat(support.path("waiting")).isEmpty();
                    assertThat(names(support, "fifo")).isEmpty();
                    assertThat(support.path("agents").findValuesAsText("state")).containsExactly("PAUSED", "TALKING");
                    assertThat(support.path("today").path("answered").asInt())
                            .isEqualTo(before.path("answered").asInt() + 1);
                });

                // The agent hangs up: idle again at the FIFO's tail; the call's handle time is in today's figures.
                phones.phone("agent2").control().hangup();
                app.next(m -> isCall(m, "ended"));
                phones.awaitIdle("agent2");
                await().atMost(WAIT).untilAsserted(() -> {
                    JsonNode support = board.queue(QUEUE);
                    assertThat(names(support, "fifo")).containsExactly("agent2");
                    assertThat(support.path("today").path("offered").asInt())
                            .isEqualTo(before.path("offered").asInt() + 1);
                    assertThat(support.path("today").path("averageHandleSeconds").isNumber()).isTrue();
                    assertThat(support.path("today").path("serviceLevel").isNumber()).isTrue();
                });
            } finally {
                app.close();
            }

            // Another app customer waits (agent2 paused again) and gives up: abandoned today.
            phones.agents().pause("agent2", "meeting");
            AppClient leaving = AppClient.open(port);
            try {
                phones.phone("customer3").control().dial(leaving.askForAgent());
                leaving.next(m -> isCall(m, "queued"));
                await().atMost(WAIT).untilAsserted(() -> assertThat(origins(board.queue(QUEUE))).containsExactly("app"));
                leaving.client().hangup();
                leaving.next(m -> isCall(m, "ended"));
                await().atMost(WAIT).untilAsserted(() -> {
                    JsonNode support = board.queue(QUEUE);
                    assertThat(support.path("waiting")).isEmpty();
                    assertThat(support.path("today").path("abandoned").asInt())
                            .isEqualTo(before.path("abandoned").asInt() + 1);
                    assertThat(support.path("today").path("offered").asInt())
                            .isEqualTo(before.path("offered").asInt() + 2);
                });
                leaving.client().end().get();
            } finally {
                leaving.close();
            }
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(board.sessions().path("total").asInt()).isGreaterThanOrEqualTo(2));
        }
    }

    @Test
    void onlySupervisorsAndTheAdminMayWatchTheBoard() throws Exception {
        SignIn.ensureTestSupervisor(users);
        assertThat(board(null, null)).as("nobody signed in").isEqualTo(401);
        assertThat(board("agent1", AgentCredentials.password("agent1"))).as("an agent").isEqualTo(403);
        assertThat(board(SignIn.SUPERVISOR, SignIn.SUPERVISOR_PASSWORD)).isEqualTo(200);
        assertThat(board(AgentCredentials.ADMIN, AgentCredentials.ADMIN_PASSWORD)).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                JsonSocket.open("ws://127.0.0.1:" + port + "/ws/v1/wallboard").close())
                .as("the socket without credentials").isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonSocket.open(
                "ws://127.0.0.1:" + port + "/ws/v1/wallboard", basic("agent1", AgentCredentials.password("agent1")))
                .close()).as("the socket of an agent").isNotNull();
    }

    private int board(String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/wallboard"));
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
