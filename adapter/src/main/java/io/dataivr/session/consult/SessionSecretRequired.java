package io.dataivr.session.consult;

import io.dataivr.system.DomainException;

/** A REST request on a session without the session's secret (the bearer token its start answered with). */
public final class SessionSecretRequired extends DomainException {
    public SessionSecretRequired() {
        super("SESSION_SECRET_REQUIRED", "send the session's secret (the \"secret\" of the POST /api/v1/sessions"
                + " answer) as Authorization: Bearer");
    }
}
