package io.dataivr.session.token;

import io.dataivr.system.DomainException;

public final class TokenInvalid extends DomainException {
    public TokenInvalid(String message) {
        super("TOKEN_INVALID", message);
    }
}
