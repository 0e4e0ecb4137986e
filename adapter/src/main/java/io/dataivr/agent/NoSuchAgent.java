package io.dataivr.agent;

import io.dataivr.system.DomainException;

public final class NoSuchAgent extends DomainException {
    public NoSuchAgent(String agent) {
        super("AGENT_NOT_FOUND", "no agent \"" + agent + "\" is logged in");
    }
}
