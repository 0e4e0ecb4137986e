package io.dataivr.session.call;

import io.dataivr.system.DomainException;

/** The customer asked to hang up, but the session has no call. */
public final class NoCallToHangUp extends DomainException {
    public NoCallToHangUp() {
        super("NO_CALL", "the session has no call to hang up");
    }
}
