package io.dataivr.session.token;

import io.dataivr.system.DomainException;

public final class TokenExpired extends DomainException {
    public TokenExpired(String message) {
        super("TOKEN_EXPIRED", message);
    }
}
