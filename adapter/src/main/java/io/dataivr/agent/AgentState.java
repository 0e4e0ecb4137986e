package io.dataivr.agent;

/** Where an agent stands; transitions are made by {@link IdleAgentQueue} only. */
public enum AgentState {
    LOGGED_OUT, IDLE, RINGING, TALKING
}
