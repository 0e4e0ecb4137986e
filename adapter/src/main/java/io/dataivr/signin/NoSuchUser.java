package io.dataivr.signin;

import io.dataivr.system.DomainException;

/** {@code ./dataivr user remove} of a name that has no user in the table. */
public final class NoSuchUser extends DomainException {

    public NoSuchUser(String name) {
        super("USER_NOT_FOUND", "there is no user " + name + " in the users table");
    }
}
