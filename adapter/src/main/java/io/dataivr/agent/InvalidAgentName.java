package io.dataivr.agent;

import io.dataivr.system.DomainException;

public final class InvalidAgentName extends DomainException {
    public InvalidAgentName(String agent) {
        super("AGENT_NAME_INVALID", "agent names are 1-64 of [A-Za-z0-9_-], got \"" + agent + "\"");
    }
}
