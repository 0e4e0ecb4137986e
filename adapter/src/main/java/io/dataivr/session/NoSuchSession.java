package io.dataivr.session;

import io.dataivr.system.DomainException;

public final class NoSuchSession extends DomainException {
    public NoSuchSession(Object sessionId) {
        super("SESSION_NOT_FOUND", "no open consultation session " + sessionId);
    }
}
