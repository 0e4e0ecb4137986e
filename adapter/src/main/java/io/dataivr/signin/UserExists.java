package io.dataivr.signin;

import io.dataivr.system.DomainException;

/** {@code ./dataivr user add} of a name already taken. */
public final class UserExists extends DomainException {

    public UserExists(String name) {
        super("USER_EXISTS", "there is already a user " + name + " (./dataivr user remove " + name + " first)");
    }
}
