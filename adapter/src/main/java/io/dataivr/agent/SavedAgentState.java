package io.dataivr.agent;

import java.util.List;

/**
 * An agent's latest state as it was stored before the adapter stopped (or was killed): what a
 * restarted adapter cannot learn from Asterisk's members (the queues of a talking agent, a pause).
 *
 * @param previous the state before it, or null
 */
public record SavedAgentState(String agent, AgentState state, AgentState previous, List<String> queues,
        String pauseReason) {

    public SavedAgentState {
        queues = List.copyOf(queues);
    }

    Agent toAgent() {
        if (state == AgentState.LOGGED_OUT || queues.isEmpty()) {
            return Agent.loggedOut(agent);
        }
        return new Agent(agent, state, queues, pauseReason, 0);
    }

    /** The agent logged out while it rang or talked: a call found in Asterisk does not log it in again. */
    boolean loggedOutDuringCall() {
        return state == AgentState.LOGGED_OUT && (previous == AgentState.TALKING || previous == AgentState.RINGING);
    }
}
