package io.dataivr.session;

import io.dataivr.system.DomainException;

/** The session ended because it expired (not resumed in time, or idle too long over REST). */
public final class SessionExpired extends DomainException {
    public SessionExpired(Object sessionId) {
        super("SESSION_EXPIRED", "session " + sessionId + " has expired; start a new one");
    }
}
