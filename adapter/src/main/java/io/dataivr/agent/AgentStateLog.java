package io.dataivr.agent;

import java.util.Map;

/** Where every agent state transition is written down, and each agent's latest state kept. */
public interface AgentStateLog {

    void transition(String agent, AgentState from, AgentState to, String reason);

    /** One transition with the whole agent after it (its queues and pause reason are kept too). */
    default void transition(Agent before, Agent after, String reason) {
        transition(after.name(), before.state(), after.state(), reason);
    }

    /** Waits (briefly) until every transition so far is stored; used after agents' own actions. */
    default void sync() {
    }

    /** The latest stored state of every agent ever seen, by name (read when the adapter starts). */
    default Map<String, SavedAgentState> saved() {
        return Map.of();
    }
}
