package io.dataivr.session.token;

import io.dataivr.system.DomainException;

public final class TokenReplayed extends DomainException {
    public TokenReplayed(String message) {
        super("TOKEN_REPLAYED", message);
    }
}
