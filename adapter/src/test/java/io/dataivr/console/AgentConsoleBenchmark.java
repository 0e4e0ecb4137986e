package io.dataivr.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.AgentState;
import io.dataivr.agent.FifoReconciler;
import io.dataivr.agent.QueueMembership;
import io.dataivr.fixtures.AgentCredentials;
import io.dataivr.fixtures.AppClient;
import io.dataivr.fixtures.CustomerCalls;
import io.dataivr.fixtures.EmptyQueue;
import io.dataivr.fixtures.JsonSocket;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.fixtures.TestAmi;
import io.dataivr.voice.AmiGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 15, Measure: the time from Asterisk's ring event (AMI AgentCalled, seen by an AMI connection of
 * the benchmark's own) to the agent's console receiving the screen pop with the caller (a {@code screen}
 * frame, state ringing, on /ws/v1/agent), with 50 consoles open (the ringing agent's and 49 others).
 * Baseline in the same run: the same event to the adapter's own agent state turning RINGING (an in-process
 * state listener): what the console's socket adds is the difference. Each call: an app session asks for an
 * agent, a Local channel dials its voice link, the agent's baresip phone rings (not answered), the app hangs
 * up. Run with {@code bench/agent-console.sh [CALLS]}; not part of the test suite (no "Tests" suffix).
 */
@IntegrationTest
class AgentConsoleBenchmark {

    private static final String QUEUE = "support";
    private static final String AGENT = "console1";
    private static final int CONSOLES = 50;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static PhonesOnQueue phones = PhonesOnQueue.on(QUEUE, "dataivr-console-bench")
            .agentPhoneAnsweredByHand(AGENT, "127.0.0.154", 770);

    @LocalServerPort
    int port;
    @Autowired
    AgentService agents;
    @Autowired
    FifoReconciler reconciler;
    @Autowired
    QueueMembership membership;
    @Autowired
    AmiGateway ami;

    @Test
    void ringEventToConsoleScreenPopWithFiftyConsolesOpen() throws Exception {
        int calls = Integer.getInteger("dataivr.console-bench.calls", 40);
        await().atMost(WAIT).until(ami::connected);
        EmptyQueue.of(QUEUE, agents, reconciler, membership);
        agents.login(AGENT, QUEUE);
        Map<String, Long> ringAt = new ConcurrentHashMap<>();
        Map<String, Long> stateAt = new ConcurrentHashMap<>();
        ManagerConnection probe = TestAmi.factory().createManagerConnection();
        probe.addEventListener(event -> {
            if (event instanceof AgentCalledEvent e && QUEUE.equals(e.getQueue())) {
                ringAt.putIfAbsent(e.getUniqueId(), System.nanoTime());
            }
        });
        probe.login("on");
        List<JsonSocket> consoles = new ArrayList<>();
        String base = "ws://127.0.0.1:" + port + "/ws/v1/agent?agent=";
        String admin = AgentCredentials.basic(AgentCredentials.ADMIN, AgentCredentials.ADMIN_PASSWORD);
        long[] adapterRinging = new long[1];
        agents.subscribe((before, after, since) -> {
            if (after.name().equals(AGENT) && after.state() == AgentState.RINGING) {
                adapterRinging[0] = System.nanoTime();
            }
        });
        List<Long> toConsole = new ArrayList<>();
        List<Long> toAdapter = new ArrayList<>();
        try {
            JsonSocket mine = JsonSocket.open(base + AGENT, admin);
            consoles.add(mine);
            for (int i = 1; i < CONSOLES; i++) {
                consoles.add(JsonSocket.open(base + "bench-console-" + i, admin));
            }
            for (int i = 0; i < calls + 3; i++) { // the first 3 warm up
                ringAt.clear();
                adapterRinging[0] = 0;
                int seen = mine.arrivals().size();
                try (AppClient app = AppClient.open(port)) {
                    String dial = app.askForAgent();
                    String exten = dial.substring(dial.indexOf(':') + 1, dial.indexOf('@'));
                    String id = "console-bench-" + System.nanoTime();
                    probe.sendAction(CustomerCalls.dialling(exten, id, 20), 10_000);
                    JsonSocket.Arrival pop = await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(
                            () -> mine.arrivals().stream().skip(seen).filter(a -> ringing(a.message())).findFirst()
                                    .orElse(null), a -> a != null);
                    await().atMost(WAIT).until(() -> !ringAt.isEmpty() && adapterRinging[0] != 0);
                    long rang = ringAt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
                    if (i >= 3) {
                        toConsole.add(pop.nanoTime() - rang);
                        toAdapter.add(adapterRinging[0] - rang);
                    }
                    app.client().hangup();
                    await().atMost(WAIT).until(() -> agents.state(AGENT) == AgentState.IDLE);
                }
            }
        } finally {
            consoles.forEach(JsonSocket::close);
            probe.logoff();
            EmptyQueue.of(QUEUE, agents, reconciler, membership);
        }
        assertThat(toConsole).hasSize(calls);
        System.out.printf(Locale.ROOT, "agent-console: %d calls, %d consoles open; AMI AgentCalled -> adapter agent "
                + "RINGING (baseline) p50 %.1f ms, p99 %.1f ms; -> console screen pop p50 %.1f ms, p99 %.1f ms, "
                + "max %.1f ms (target p99 <= 100 ms)%n", calls, CONSOLES, ms(toAdapter, 50), ms(toAdapter, 99),
                ms(toConsole, 50), ms(toConsole, 99), ms(toConsole, 100));
    }

    private static boolean ringing(JsonNode frame) {
        return "screen".equals(frame.path("type").asText()) && "ringing".equals(frame.path("state").asText())
                && frame.path("caller").has("request");
    }

    private static double ms(List<Long> nanos, int percentile) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int index = Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(sorted.size() * percentile / 100.0) - 1));
        return sorted.get(index) / 1_000_000.0;
    }
}
