package io.dataivr.session;

import io.dataivr.system.DomainException;

public final class TokenInvalid extends DomainException {
    public TokenInvalid(String message) {
        super("TOKEN_INVALID", message);
    }
}
