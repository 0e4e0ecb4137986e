package io.dataivr.signin;

import java.util.function.UnaryOperator;

/**
 * Wrong passwords per user name, shared by every adapter node (PostgreSQL: store.pg), so a lock
 * holds whichever node a browser or script reaches.
 */
public interface SignInAttemptStore {

    /** The user's current record ({@link FailedAttempts#NONE} when it has none). */
    FailedAttempts find(String name);

    /** Replaces the user's record with {@code next} of it, atomically (no failure of another node lost). */
    FailedAttempts update(String name, UnaryOperator<FailedAttempts> next);

    /** Forgets the user's failures (a successful sign-in). */
    void clear(String name);
}
