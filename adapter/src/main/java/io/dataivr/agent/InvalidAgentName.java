package io.dataivr.agent;

import io.dataivr.system.DomainException;

/** A name that is not an agent's (the name itself is not echoed: it is the client's raw input). */
public final class InvalidAgentName extends DomainException {

    public InvalidAgentName() {
        super("AGENT_NAME_INVALID", "agent and queue names are 1-64 of [A-Za-z0-9_-]");
    }
}
