package io.dataivr.session.token;

import io.dataivr.system.DomainException;

public final class TokenRequired extends DomainException {
    public TokenRequired(String message) {
        super("TOKEN_REQUIRED", message);
    }
}
