package io.dataivr.api.http.signin;

import java.time.Instant;
import org.springframework.security.authentication.LockedException;

/** A sign-in refused because the user is locked out (dataivr.signin.lockout), until {@link #until()}. */
final class AccountLocked extends LockedException {

    private final transient Instant until;

    AccountLocked(Instant until) {
        super("locked until " + until);
        this.until = until;
    }

    Instant until() {
        return until;
    }
}
