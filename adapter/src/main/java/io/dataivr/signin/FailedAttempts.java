package io.dataivr.signin;

import java.time.Duration;
import java.time.Instant;

/**
 * A user's wrong passwords in a row, and until when it is locked (null: not locked).
 *
 * @param failures    wrong passwords since the last success or the end of the last lock
 * @param lockedUntil the end of the lock, or null
 */
public record FailedAttempts(int failures, Instant lockedUntil) {

    public static final FailedAttempts NONE = new FailedAttempts(0, null);

    /** Whether the lock still holds at {@code now}. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /**
     * After one more wrong password at {@code now}: a lock that ended starts the count afresh; the
     * {@code attempts}-th failure in a row locks for {@code lock}.
     */
    public FailedAttempts afterFailure(Instant now, int attempts, Duration lock) {
        int before = lockedUntil != null && !lockedAt(now) ? 0 : failures;
        int count = before + 1;
        return count >= attempts ? new FailedAttempts(count, now.plus(lock)) : new FailedAttempts(count, null);
    }
}
