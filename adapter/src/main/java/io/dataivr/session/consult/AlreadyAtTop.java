package io.dataivr.session.consult;

import io.dataivr.system.DomainException;

public final class AlreadyAtTop extends DomainException {
    public AlreadyAtTop() {
        super("ALREADY_AT_TOP", "the session is already at the top of the menu");
    }
}
