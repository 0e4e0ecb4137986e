package io.dataivr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.AsteriskAccounts;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.voice.AmiGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The idle-agent FIFO on the real thing: five baresip agent phones (auto-answer) and three baresip
 * customer phones dialling the queue directly ({@code q-support}), 50+ calls, one to three at a time,
 * hung up in shuffled order from either side. After every call setup the agent that rang must be the
 * FIFO head; after every hang-up the agent must be at the tail, and Asterisk's members, the Redis
 * mirror and the adapter's FIFO must be the same list.
 */
@IntegrationTest
class IdleAgentFifoIntegrationTests {

    private static final String QUEUE = "support";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int CALLS = 54;
    private static final List<String> ALL_AGENTS = List.of("agent1", "agent2", "agent3", "agent4", "agent5", "agent6");
    private static final Map<String, SipPhoneProcess> agents = new LinkedHashMap<>();
    private static final List<SipPhoneProcess> customers = new ArrayList<>();

    @Autowired
    AgentService agentService;
    @Autowired
    FifoReconciler reconciler;
    @Autowired
    IdleAgentMirror mirror;
    @Autowired
    QueueMembership membership;
    @Autowired
    AmiGateway ami;

    static void startPhones() throws Exception {
        AsteriskAccounts.require("agent1", "agent2", "agent3", "agent4", "agent5", "customer1", "customer2",
                "customer3");
        Path work = Files.createTempDirectory("dataivr-fifo");
        for (int i = 1; i <= 5; i++) {
            agents.put("agent" + i, SipPhoneProcess.start("agent" + i, "127.0.0.3" + i, 500 + 100 * i, true, work));
        }
        for (int i = 1; i <= 3; i++) {
            customers.add(SipPhoneProcess.start("customer" + i, "127.0.0.4" + i, 400 + 10 * i, false, work));
        }
    }

    @AfterAll
    static void stopPhones() {
        agents.values().forEach(SipPhoneProcess::close);
        customers.forEach(SipPhoneProcess::close);
        agents.clear();
        customers.clear();
    }

    @AfterEach
    void logOut() {
        for (String agent : ALL_AGENTS) {
            if (agentService.state(agent) != AgentState.LOGGED_OUT) {
                agentService.logout(agent);
            }
        }
    }

    @Test
    void everyCallRingsTheFifoHeadAndEveryHangUpSendsTheAgentToTheTail() throws Exception {
        startPhones();
        scenario();
    }

    private void scenario() throws Exception {
        await().atMost(WAIT).until(ami::connected);
        for (String agent : ALL_AGENTS) {
            membership.remove(QUEUE, agent);
        }
        reconciler.rebuild(QUEUE);
        for (String agent : List.of("agent3", "agent1", "agent5", "agent2", "agent4")) {
            agentService.login(agent, QUEUE);
        }
        assertAllAgree(List.of("agent3", "agent1", "agent5", "agent2", "agent4"));

        long seed = System.nanoTime();
        System.out.println("FIFO test seed: " + seed);
        Random random = new Random(seed);
        int calls = 0;
        int agentSide = 0;
        long started = System.nanoTime();
        while (calls < CALLS) {
            int concurrent = 1 + random.nextInt(3);
            List<Call> up = new ArrayList<>();
            for (int c = 0; c < concurrent; c++) {
                List<String> before = agentService.idleAgents(QUEUE);
                String head = before.get(0);
                Map<String, Integer> established = counts("CALL_ESTABLISHED");
                SipPhoneProcess customer = customers.get(c);
                int customerEstablished = customer.control().eventCount("CALL_ESTABLISHED");
                customer.control().dial("sip:q-support@127.0.0.1");

                String answered = awaitOneNewCall(established);
                assertThat(answered).as("call %d: the agent that rang (FIFO was %s)", calls + 1, before).isEqualTo(head);
                await().atMost(WAIT).until(() -> customer.control().eventCount("CALL_ESTABLISHED") > customerEstablished);
                List<String> rest = new ArrayList<>(before.subList(1, before.size()));
                await().atMost(WAIT).untilAsserted(() -> assertAllAgree(rest));
                up.add(new Call(customer, agents.get(answered), answered));
                calls++;
            }
            Collections.shuffle(up, random);
            for (Call call : up) {
                boolean byAgent = random.nextBoolean();
                agentSide += byAgent ? 1 : 0;
                List<String> expected = new ArrayList<>(agentService.idleAgents(QUEUE));
                expected.add(call.agent());
                int agentClosed = call.agentPhone().control().eventCount("CALL_CLOSED");
                int customerClosed = call.customer().control().eventCount("CALL_CLOSED");
                (byAgent ? call.agentPhone() : call.customer()).control().hangup();
                await().atMost(WAIT).until(() -> call.agentPhone().control().eventCount("CALL_CLOSED") > agentClosed
                        && call.customer().control().eventCount("CALL_CLOSED") > customerClosed);
                await().atMost(WAIT).untilAsserted(() -> assertAllAgree(expected));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("FIFO test: %d calls, %d hung up by the agent, %d by the customer, in %.1f s%n", calls,
                agentSide, calls - agentSide, seconds);
        assertThat(agentSide).isBetween(1, calls - 1);
        assertThat(agentService.state("agent1")).isEqualTo(AgentState.IDLE);
    }

    private record Call(SipPhoneProcess customer, SipPhoneProcess agentPhone, String agent) {
    }

    /** Waits until exactly one agent phone got a new established call, and says which. */
    private static String awaitOneNewCall(Map<String, Integer> before) {
        List<String> answered = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            answered.clear();
            counts("CALL_ESTABLISHED").forEach((agent, n) -> {
                if (n > before.get(agent)) {
                    answered.add(agent);
                }
            });
            return !answered.isEmpty();
        });
        assertThat(answered).as("agents that answered one call").hasSize(1);
        return answered.get(0);
    }

    private static Map<String, Integer> counts(String type) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        agents.forEach((name, phone) -> counts.put(name, phone.control().eventCount(type)));
        return counts;
    }


    private void assertAllAgree(List<String> expected) {
        assertThat(agentService.idleAgents(QUEUE)).as("adapter FIFO").containsExactlyElementsOf(expected);
        assertThat(membership.members(QUEUE)).as("Asterisk members").containsExactlyElementsOf(expected);
        assertThat(mirror.read(QUEUE)).as("Redis mirror").containsExactlyElementsOf(expected);
        assertThat(mirror.intact(QUEUE)).as("Redis mirror complete").isTrue();
    }
}
