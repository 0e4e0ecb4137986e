package io.dataivr.console;

import io.dataivr.system.DomainException;

/** An agent (or the admin on its behalf) recording the outcome of a call that agent did not take. */
public final class CallNotTaken extends DomainException {
    public CallNotTaken(String agent, String request) {
        super("CALL_NOT_TAKEN", "agent " + agent + " did not take the call " + request);
    }
}
