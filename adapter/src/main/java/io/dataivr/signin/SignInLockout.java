package io.dataivr.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock-out rule (docs/sign-in.md): after {@code attempts} wrong passwords in a row a user is
 * locked for {@code duration}, whatever it sends meanwhile; a success forgets the failures. Time is
 * the injected clock's, so tests move it.
 */
public class SignInLockout {

    private static final Logger log = LoggerFactory.getLogger(SignInLockout.class);

    private final SignInAttemptStore store;
    private final SignInProperties.Lockout rule;
    private final Clock clock;

    public SignInLockout(SignInAttemptStore store, SignInProperties properties, Clock clock) {
        this.store = store;
        this.rule = properties.lockout();
        this.clock = clock;
    }

    /** The user's failures now: one read per sign-in, handed back to {@link #succeeded}. */
    public FailedAttempts current(String name) {
        return store.find(name);
    }

    /** Until when these failures lock the user, if they do now. */
    public Optional<Instant> lockedUntil(FailedAttempts attempts) {
        return attempts.lockedAt(clock.instant()) ? Optional.of(attempts.lockedUntil()) : Optional.empty();
    }

    /** Counts a wrong password; the end of the lock when this one locked the user. */
    public Optional<Instant> failed(String name) {
        Instant now = clock.instant();
        FailedAttempts after = store.update(name, current -> current.afterFailure(now, rule.attempts(), rule.duration()));
        if (after.lockedAt(now)) {
            log.warn("user {} is locked until {} after {} wrong passwords in a row", name, after.lockedUntil(),
                    after.failures());
            return Optional.of(after.lockedUntil());
        }
        return Optional.empty();
    }

    /** A right password: the failures read {@code before} it are forgotten (written only when there were some). */
    public void succeeded(String name, FailedAttempts before) {
        if (before.failures() > 0) {
            store.clear(name);
        }
    }
}
