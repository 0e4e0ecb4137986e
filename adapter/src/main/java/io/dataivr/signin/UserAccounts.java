package io.dataivr.signin;

import io.dataivr.agent.AgentName;
import java.time.Clock;
import java.util.List;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The users table's use cases ({@code ./dataivr user add|remove|list}): passwords are stored as
 * bcrypt hashes (cost 12, as {@code ./dataivr hash-password}); a listing says who is locked, never a hash.
 */
public class UserAccounts {

    static final int MIN_PASSWORD_LENGTH = 8;
    private static final int BCRYPT_COST = 12;

    private final ConsoleUserStore users;
    private final SignInAttemptStore attempts;
    private final Clock clock;

    public UserAccounts(ConsoleUserStore users, SignInAttemptStore attempts, Clock clock) {
        this.users = users;
        this.attempts = attempts;
        this.clock = clock;
    }

    /** Adds a user with a new password; USER_EXISTS when the name is taken. */
    public ConsoleUser add(String name, Role role, CharSequence password, String addedBy) {
        AgentName.require(name);
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new PasswordTooShort();
        }
        ConsoleUser user = new ConsoleUser(name, role, "{bcrypt}" + new BCryptPasswordEncoder(BCRYPT_COST).encode(password));
        if (!users.add(user, addedBy)) {
            throw new UserExists(name);
        }
        attempts.clear(name);
        return user;
    }

    /** Removes a user and ends its page sessions, on every node; USER_NOT_FOUND when there is none. */
    public void remove(String name) {
        AgentName.require(name);
        if (!users.remove(name)) {
            throw new NoSuchUser(name);
        }
        attempts.clear(name);
    }

    /** Every user of the table, by name, with its lock if it has one now. */
    public List<UserListing> list() {
        var now = clock.instant();
        return users.list().stream().map(user -> {
            FailedAttempts failed = attempts.find(user.name());
            return new UserListing(user.name(), user.role(), failed.lockedAt(now) ? failed.lockedUntil() : null);
        }).toList();
    }
}
