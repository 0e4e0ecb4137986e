package io.dataivr.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.call.CallInProgress;
import io.dataivr.call.ChannelId;
import io.dataivr.call.HungUpBy;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.fixtures.FakeQueueMembership;
import io.dataivr.fixtures.InMemoryIdleAgentMirror;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A restarted adapter (empty memory) or a reconnected one sets its agents from Asterisk's calls. */
class AgentRecoveryTests {

    private static final String Q = "support";

    private final FakeQueueMembership asterisk = new FakeQueueMembership();
    private final InMemoryIdleAgentMirror redis = new InMemoryIdleAgentMirror();
    private final Map<String, SavedAgentState> saved = new HashMap<>();
    private final AgentFeature feature = AgentFeature.over(asterisk, redis, new AgentStateLog() {
        @Override
        public void transition(String agent, AgentState from, AgentState to, String reason) {
        }

        @Override
        public Map<String, SavedAgentState> saved() {
            return saved;
        }
    });
    private final AgentService agents = feature.service();
    private final QueueCallRules calls = feature.rules();
    private final FifoReconciler reconciler = feature.reconciler();

    private void save(String agent, AgentState state, AgentState previous, String pause) {
        saved.put(agent, new SavedAgentState(agent, state, previous, List.of(Q), pause));
    }

    private static CallInProgress talking(String agent, String caller) {
        return new CallInProgress(Q, new ChannelId(caller), agent, true, null);
    }

    @Test
    void afterARestartTalkingAgentsAreTalkingPausedOnesStayPausedAndIdleOnesKeepAsterisksOrder() {
        save("a1", AgentState.TALKING, AgentState.RINGING, null);
        save("a2", AgentState.PAUSED, AgentState.IDLE, "lunch");
        save("a3", AgentState.IDLE, AgentState.LOGGED_OUT, null);
        save("a4", AgentState.IDLE, AgentState.TALKING, null);
        asterisk.add(Q, "a4");
        asterisk.add(Q, "a3");

        reconciler.recoverCalls(List.of(talking("a1", "c1")), List.of(Q));
        reconciler.rebuild(Q);

        assertThat(agents.agent("a1")).extracting(Agent::state, Agent::queues).containsExactly(AgentState.TALKING, List.of(Q));
        assertThat(agents.agent("a2")).extracting(Agent::state, Agent::pauseReason).containsExactly(AgentState.PAUSED, "lunch");
        assertFifo("a4", "a3");

        calls.on(new QueueCallEvent.AgentHungUp(Q, new ChannelId("c1"), "a1", HungUpBy.CALLER));
        assertFifo("a4", "a3", "a1");
    }

    @Test
    void aCallThatEndedWhileTheAdapterWasAwaySendsItsAgentToTheTail() {
        save("a1", AgentState.TALKING, AgentState.RINGING, null);
        save("a2", AgentState.IDLE, AgentState.LOGGED_OUT, null);
        asterisk.add(Q, "a2");

        reconciler.recoverCalls(List.of(), List.of(Q));
        reconciler.rebuild(Q);

        assertFifo("a2", "a1");
    }

    @Test
    void anAgentWhoseCallEndWasHandledButNotStoredKeepsItsPlaceInAsterisk() {
        save("a1", AgentState.TALKING, AgentState.RINGING, null);
        save("a2", AgentState.IDLE, AgentState.LOGGED_OUT, null);
        asterisk.add(Q, "a1");
        asterisk.add(Q, "a2");

        reconciler.recoverCalls(List.of(), List.of(Q));
        reconciler.rebuild(Q);

        assertFifo("a1", "a2");
    }

    @Test
    void anAgentOnACallNobodyKnewComesBackTalkingInTheCallsQueueAndAPauseAskedForDuringTheCallIsKept() {
        save("a2", AgentState.TALKING, AgentState.RINGING, "meeting");

        reconciler.recoverCalls(List.of(talking("a1", "c1"), talking("a2", "c2")), List.of(Q));
        reconciler.rebuild(Q);

        assertThat(agents.state("a1")).isEqualTo(AgentState.TALKING);
        assertThat(agents.agent("a2").pauseRequested()).isTrue();
        calls.on(new QueueCallEvent.AgentHungUp(Q, new ChannelId("c1"), "a1", HungUpBy.AGENT));
        calls.on(new QueueCallEvent.AgentHungUp(Q, new ChannelId("c2"), "a2", HungUpBy.AGENT));
        assertThat(agents.state("a2")).isEqualTo(AgentState.PAUSED);
        assertFifo("a1");
    }

    @Test
    void anAgentWhoLoggedOutDuringItsCallStaysLoggedOut() {
        save("a1", AgentState.LOGGED_OUT, AgentState.TALKING, null);

        reconciler.recoverCalls(List.of(talking("a1", "c1")), List.of(Q));

        assertThat(agents.state("a1")).isEqualTo(AgentState.LOGGED_OUT);
    }

    @Test
    void onAnAmiReconnectAnIdleAgentFoundTalkingLeavesTheFifoAndOneWhoseCallEndedGoesToTheTail() {
        agents.login("a1", Q);
        agents.login("a2", Q);
        agents.login("a3", Q);
        calls.on(new QueueCallEvent.AgentAnswered(Q, new ChannelId("c3"), "a3"));

        reconciler.recoverCalls(List.of(talking("a1", "c1")), List.of(Q));

        assertThat(agents.state("a1")).isEqualTo(AgentState.TALKING);
        assertFifo("a2", "a3");
    }

    @Test
    void aRingingAgentKeepsItsPlaceAndIsFreedWhenTheCallerLeaves() {
        save("a1", AgentState.RINGING, AgentState.IDLE, null);
        save("a2", AgentState.IDLE, AgentState.LOGGED_OUT, null);
        asterisk.add(Q, "a1");
        asterisk.add(Q, "a2");

        reconciler.recoverCalls(List.of(new CallInProgress(Q, new ChannelId("c1"), "a1", false, null)), List.of(Q));
        reconciler.rebuild(Q);

        assertThat(agents.state("a1")).isEqualTo(AgentState.RINGING);
        calls.on(new QueueCallEvent.CallerAbandoned(Q, new ChannelId("c1")));
        assertThat(agents.state("a1")).isEqualTo(AgentState.IDLE);
        assertFifo("a1", "a2");
    }

    @Test
    void agentsSavedInQueuesThisAdapterDoesNotKeepAreLeftAlone() {
        saved.put("a1", new SavedAgentState("a1", AgentState.TALKING, AgentState.RINGING, List.of("billing"), null));
        saved.put("a2", new SavedAgentState("a2", AgentState.PAUSED, AgentState.IDLE, List.of("billing", Q), "lunch"));

        reconciler.recoverCalls(List.of(), List.of(Q));

        assertThat(agents.state("a1")).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(asterisk.members("billing")).isEmpty();
        assertThat(agents.agent("a2").queues()).containsExactly(Q);
    }

    private void assertFifo(String... expected) {
        assertThat(agents.idleAgents(Q)).as("FIFO").containsExactly(expected);
        assertThat(asterisk.members(Q)).as("Asterisk").containsExactly(expected);
        assertThat(redis.read(Q)).as("Redis").containsExactly(expected);
    }
}
