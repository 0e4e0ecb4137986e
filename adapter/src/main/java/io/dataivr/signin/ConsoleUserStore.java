package io.dataivr.signin;

import java.util.List;
import java.util.Optional;

/** The users of {@code ./dataivr user add|remove|list} (PostgreSQL: store.pg). */
public interface ConsoleUserStore {

    Optional<ConsoleUser> find(String name);

    /** Every user, by name. */
    List<ConsoleUser> list();

    /** Adds the user; false (nothing changed) when the name is taken. */
    boolean add(ConsoleUser user, String addedBy);

    /** Removes the user and ends its page sessions (it is signed out everywhere); false when there was none of that name. */
    boolean remove(String name);
}
