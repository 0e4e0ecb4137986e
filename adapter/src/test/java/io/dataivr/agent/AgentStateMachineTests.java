package io.dataivr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataivr.call.ChannelId;
import io.dataivr.call.HungUpBy;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentStateMachineTests {

    private static final AgentEvent LOGIN = new AgentEvent.LoggedIn(List.of("support"));
    private static final AgentEvent RING = new AgentEvent.Rang("support", new ChannelId("c1"));
    private static final AgentEvent ANSWER = new AgentEvent.Answered("support", new ChannelId("c1"));
    private static final AgentEvent END = new AgentEvent.CallEnded("support", new ChannelId("c1"), HungUpBy.CALLER, false);
    private static final AgentEvent END_WITH_WRAP_UP = new AgentEvent.CallEnded("support", new ChannelId("c1"), HungUpBy.AGENT, true);

    @Test
    void aCallGoesIdleRingingTalkingAndBackToIdle() {
        Agent agent = run(Agent.loggedOut("a1"), LOGIN, RING, ANSWER, END);
        assertThat(agent.state()).isEqualTo(AgentState.IDLE);
        assertThat(agent.queues()).containsExactly("support");
    }

    @Test
    void wrapUpComesBetweenTheCallAndIdle() {
        Agent agent = run(Agent.loggedOut("a1"), LOGIN, RING, ANSWER, END_WITH_WRAP_UP);
        assertThat(agent.state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(AgentStateMachine.next(agent, new AgentEvent.WrapUpEnded()).state()).isEqualTo(AgentState.IDLE);
    }

    @Test
    void aPauseAskedDuringACallStartsWhenTheCallEnds() {
        Agent talking = run(Agent.loggedOut("a1"), LOGIN, RING, ANSWER, new AgentEvent.Paused("lunch"));
        assertThat(talking.state()).isEqualTo(AgentState.TALKING);
        assertThat(talking.pauseRequested()).isTrue();

        Agent after = AgentStateMachine.next(talking, END);
        assertThat(after.state()).isEqualTo(AgentState.PAUSED);
        assertThat(after.pauseReason()).isEqualTo("lunch");
        assertThat(AgentStateMachine.next(after, new AgentEvent.Resumed()).state()).isEqualTo(AgentState.IDLE);
    }

    @Test
    void anUnansweredRingLeavesTheAgentIdleAndCountsTheMiss() {
        Agent agent = run(Agent.loggedOut("a1"), LOGIN, RING, new AgentEvent.RingUnanswered("support", new ChannelId("c1")));
        assertThat(agent.state()).isEqualTo(AgentState.IDLE);
        assertThat(agent.missedRings()).isEqualTo(1);
        assertThat(run(agent, RING, ANSWER).missedRings()).isZero();
    }

    @Test
    void logoutAppliesInEveryLoggedInState() {
        for (Agent agent : List.of(run(Agent.loggedOut("a"), LOGIN), run(Agent.loggedOut("a"), LOGIN, RING),
                run(Agent.loggedOut("a"), LOGIN, RING, ANSWER),
                run(Agent.loggedOut("a"), LOGIN, new AgentEvent.Paused("x")))) {
            assertThat(AgentStateMachine.next(agent, new AgentEvent.LoggedOut()).state())
                    .isEqualTo(AgentState.LOGGED_OUT);
        }
    }

    @Test
    void eventsThatDoNotApplyAreNamedErrors() {
        Agent idle = run(Agent.loggedOut("a1"), LOGIN);
        assertRefused(Agent.loggedOut("a1"), new AgentEvent.LoggedOut(), AgentState.LOGGED_OUT);
        assertRefused(Agent.loggedOut("a1"), RING, AgentState.LOGGED_OUT);
        assertRefused(idle, LOGIN, AgentState.IDLE);
        assertRefused(idle, new AgentEvent.Resumed(), AgentState.IDLE);
        assertRefused(idle, END, AgentState.IDLE);
        assertRefused(run(idle, RING), RING, AgentState.RINGING);
        assertRefused(run(idle, RING, ANSWER), ANSWER, AgentState.TALKING);
        assertRefused(run(idle, new AgentEvent.Paused("x")), new AgentEvent.Paused("y"), AgentState.PAUSED);
        assertRefused(run(idle, new AgentEvent.Paused("x")), RING, AgentState.PAUSED);
        assertRefused(idle, new AgentEvent.WrapUpEnded(), AgentState.IDLE);
    }

    private static void assertRefused(Agent agent, AgentEvent event, AgentState state) {
        assertThatThrownBy(() -> AgentStateMachine.next(agent, event)).isInstanceOf(AgentEventNotAllowed.class)
                .hasMessageContaining(state.name()).hasMessageContaining(event.name())
                .extracting(e -> ((AgentEventNotAllowed) e).code()).isEqualTo("AGENT_STATE_CONFLICT");
    }

    private static Agent run(Agent agent, AgentEvent... events) {
        Agent current = agent;
        for (AgentEvent event : events) {
            current = AgentStateMachine.next(current, event);
        }
        return current;
    }
}
