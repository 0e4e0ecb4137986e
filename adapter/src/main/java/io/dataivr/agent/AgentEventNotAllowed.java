package io.dataivr.agent;

import io.dataivr.system.DomainException;

/** An event that does not apply to the agent's current state (e.g. resume while not paused). */
public final class AgentEventNotAllowed extends DomainException {

    private final AgentState state;

    public AgentEventNotAllowed(String agent, AgentState state, AgentEvent event) {
        super("AGENT_STATE_CONFLICT", "agent \"" + agent + "\" is " + state + ": " + event.name() + " does not apply");
        this.state = state;
    }

    public AgentState state() {
        return state;
    }
}
