package io.dataivr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.fixtures.SipPhoneProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults on the agent side, on the real thing: an agent who rejects the call is skipped (the next
 * agent gets it) and keeps its place; an agent whose phone goes away in the middle of a call ends up
 * logged out, with the caller's call ended and Asterisk, Redis and the adapter agreeing.
 */
@IntegrationTest
class AgentFaultIntegrationTests {

    private static final String QUEUE = "support";
    private static final Duration WAIT = PhonesOnQueue.WAIT;

    @RegisterExtension
    static final PhonesOnQueue phones = PhonesOnQueue.on(QUEUE, "dataivr-faults")
            .agentPhoneAnsweredByHand("agent6", "127.0.0.36", 1500)
            .agentPhone("agent4", "127.0.0.34", 1100)
            .customerPhone("customer1", "127.0.0.41", 450);

    @Test
    void anAgentWhoRejectsTheCallIsSkippedAndKeepsItsPlaceThenLosesItsPhoneMidCallAndIsLoggedOut()
            throws Exception {
        phones.onlyAgentLoggedIn("agent6");
        AgentService agents = phones.agents();
        agents.login("agent4", QUEUE);
        SipPhoneProcess rejecting = phones.phone("agent6");
        SipPhoneProcess answering = phones.phone("agent4");
        SipPhoneProcess caller = phones.phone("customer1");

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
        int closed = caller.control().eventCount("CALL_CLOSED");
        caller.control().dial("sip:q-support@127.0.0.1");
        await().atMost(WAIT).until(() -> rejecting.control().eventCount("CALL_INCOMING") >= 2);
        rejecting.control().answer();
        await().atMost(WAIT).until(() -> agents.state("agent6") == AgentState.TALKING);
        assertAllAgree("agent4");
        rejecting.close();

        await().atMost(WAIT).until(() -> caller.control().eventCount("CALL_CLOSED") > closed);
        await().atMost(WAIT).until(() -> agents.state("agent6") == AgentState.LOGGED_OUT);
        assertAllAgree("agent4");
        agents.logout("agent4");
    }


    private static void assertAllAgree(String... expected) {
        phones.awaitIdle(expected);
    }
}
