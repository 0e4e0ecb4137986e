package io.dataivr.session;

import io.dataivr.system.DomainException;

/** An event that cannot happen to a call in its current state (e.g. an answer before the call was made). */
public final class CallEventNotAllowed extends DomainException {

    private final transient CallState state;
    private final transient CallEvent event;

    public CallEventNotAllowed(CallState state, CallEvent event) {
        super("CALL_STATE_CONFLICT", "a call that is " + state.name() + " cannot take " + event.name());
        this.state = state;
        this.event = event;
    }

    public CallState state() {
        return state;
    }

    public CallEvent event() {
        return event;
    }
}
