package io.dataivr.agent;

import java.util.List;

/**
 * One agent as the state machine sees it.
 *
 * @param name        the agent (its desk phone's PJSIP endpoint)
 * @param state       where it stands
 * @param queues      the queues it serves, in login order; empty when logged out
 * @param pauseReason why it is paused, or, while it rings or talks, the pause it asked for after the call
 * @param missedRings rings in a row it did not answer (reset when it answers)
 */
public record Agent(String name, AgentState state, List<String> queues, String pauseReason, int missedRings) {

    public Agent {
        queues = List.copyOf(queues);
    }

    static Agent loggedOut(String name) {
        return new Agent(name, AgentState.LOGGED_OUT, List.of(), null, 0);
    }

    Agent in(AgentState next) {
        return new Agent(name, next, queues, pauseReason, missedRings);
    }

    Agent withQueues(List<String> newQueues) {
        return new Agent(name, state, newQueues, pauseReason, missedRings);
    }

    Agent withPauseReason(String reason) {
        return new Agent(name, state, queues, reason, missedRings);
    }

    Agent withMissedRings(int missed) {
        return new Agent(name, state, queues, pauseReason, missed);
    }

    /** True while the agent rings or talks and asked to pause once the call is over. */
    public boolean pauseRequested() {
        return pauseReason != null && (state == AgentState.RINGING || state == AgentState.TALKING);
    }
}
