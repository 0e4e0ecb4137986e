package io.dataivr.signin;

import io.dataivr.system.DomainException;

/** A new user's password shorter than {@link UserAccounts#MIN_PASSWORD_LENGTH}. */
public final class PasswordTooShort extends DomainException {

    public PasswordTooShort() {
        super("PASSWORD_TOO_SHORT", "a password has at least " + UserAccounts.MIN_PASSWORD_LENGTH + " characters");
    }
}
