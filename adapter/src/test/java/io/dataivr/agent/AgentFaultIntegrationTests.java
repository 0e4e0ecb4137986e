package io.dataivr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.EmptyQueue;
import io.dataivr.fixtures.AsteriskAccounts;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.voice.AmiGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Faults on the agent side, on the real thing: an agent who rejects the call is skipped (the next
 * agent gets it) and keeps its place; an agent whose phone goes away in the middle of a call ends up
 * logged out, with the caller's call ended and Asterisk, Redis and the adapter agreeing.
 */
@IntegrationTest
class AgentFaultIntegrationTests {

    private static final String QUEUE = "support";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static SipPhoneProcess rejecting;
    private static SipPhoneProcess answering;
    private static SipPhoneProcess caller;

    @Autowired
    AgentService agents;
    @Autowired
    IdleAgentMirror mirror;
    @Autowired
    QueueMembership membership;
    @Autowired
    AmiGateway ami;

    @BeforeAll
    static void startPhones() throws Exception {
        AsteriskAccounts.require("agent4", "agent6", "customer1");
        Path work = Files.createTempDirectory("dataivr-faults");
        rejecting = SipPhoneProcess.start("agent6", "127.0.0.36", 1500, false, work);
        answering = SipPhoneProcess.start("agent4", "127.0.0.34", 1100, true, work);
        caller = SipPhoneProcess.start("customer1", "127.0.0.41", 450, false, work);
    }

    @AfterAll
    static void stopPhones() {
        for (SipPhoneProcess phone : new SipPhoneProcess[] {rejecting, answering, caller}) {
            if (phone != null) {
                phone.close();
            }
        }
    }

    @Test
    void anAgentWhoRejectsTheCallIsSkippedAndKeepsItsPlaceThenLosesItsPhoneMidCallAndIsLoggedOut()
            throws Exception {
        await().atMost(WAIT).until(ami::connected);
        EmptyQueue.of(QUEUE, agents, membership);
        agents.login("agent6", QUEUE);
        agents.login("agent4", QUEUE);

        // The head rings and rejects: app_queue rings the next agent, who answers; the head keeps its place.
        caller.control().dial("sip:q-support@127.0.0.1");
        rejecting.control().awaitEvent("CALL_INCOMING", WAIT);
        await().atMost(WAIT).until(() -> agents.state("agent6") == AgentState.RINGING);
        rejecting.control().hangup();
        answering.control().awaitEvent("CALL_ESTABLISHED", WAIT);
        caller.control().awaitEvent("CALL_ESTABLISHED", WAIT);
        assertAllAgree("agent6");
        assertThat(agents.agent("agent6").state()).isEqualTo(AgentState.IDLE);
        assertThat(agents.agent("agent6").missedRings()).isEqualTo(1);
        caller.control().hangup();
        assertAllAgree("agent6", "agent4");

        // The head answers this time, then its phone goes away mid-call (baresip hangs up and unregisters).
        int closed = count(caller, "CALL_CLOSED");
        caller.control().dial("sip:q-support@127.0.0.1");
        await().atMost(WAIT).until(() -> count(rejecting, "CALL_INCOMING") >= 2);
        rejecting.control().answer();
        await().atMost(WAIT).until(() -> agents.state("agent6") == AgentState.TALKING);
        assertAllAgree("agent4");
        rejecting.close();
        rejecting = null;

        await().atMost(WAIT).until(() -> count(caller, "CALL_CLOSED") > closed);
        await().atMost(WAIT).until(() -> agents.state("agent6") == AgentState.LOGGED_OUT);
        assertAllAgree("agent4");
        agents.logout("agent4");
    }

    private static int count(SipPhoneProcess phone, String type) {
        return (int) phone.control().events().stream().filter(e -> type.equals(e.path("type").asText())).count();
    }

    private void assertAllAgree(String... expected) {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(agents.idleAgents(QUEUE)).as("adapter FIFO").containsExactly(expected);
            assertThat(membership.members(QUEUE)).as("Asterisk members").containsExactly(expected);
            assertThat(mirror.read(QUEUE)).as("Redis mirror").containsExactly(expected);
        });
    }
}
