package io.dataivr.agent;

/** Where every agent state transition is written down. */
public interface AgentStateLog {
    void transition(String agent, AgentState from, AgentState to, String reason);
}
