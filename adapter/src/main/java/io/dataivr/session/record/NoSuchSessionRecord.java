package io.dataivr.session.record;

import io.dataivr.system.DomainException;

public final class NoSuchSessionRecord extends DomainException {
    public NoSuchSessionRecord(Object sessionId) {
        super("SESSION_NOT_FOUND", "no consultation session " + sessionId + " was ever recorded");
    }
}
