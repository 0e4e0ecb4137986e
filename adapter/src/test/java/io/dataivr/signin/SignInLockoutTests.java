package io.dataivr.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataivr.agent.InvalidAgentName;
import io.dataivr.fixtures.InMemoryConsoleUsers;
import io.dataivr.fixtures.InMemorySignInAttempts;
import io.dataivr.fixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The lock-out rule and the users table's use cases, in plain Java on a moved clock. */
class SignInLockoutTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    private final InMemorySignInAttempts attempts = new InMemorySignInAttempts();
    private final SignInLockout lockout = new SignInLockout(attempts,
            new SignInProperties(new SignInProperties.Lockout(3, Duration.ofMinutes(15))), clock);

    @Test
    void theThirdWrongPasswordInARowLocksForTheDurationThenANewCountStarts() {
        assertThat(lockout.failed("agent1")).isEmpty();
        assertThat(lockout.failed("agent1")).isEmpty();
        assertThat(lockout.failed("agent1")).contains(Instant.parse("2026-01-05T09:15:00Z"));
        assertThat(lockout.lockedUntil(lockout.current("agent1"))).isPresent();

        clock.advance(Duration.ofMinutes(15));
        assertThat(lockout.lockedUntil(lockout.current("agent1"))).isEmpty();
        assertThat(lockout.failed("agent1")).as("a new count after the lock").isEmpty();
        assertThat(attempts.find("agent1").failures()).isEqualTo(1);
    }

    @Test
    void aSuccessForgetsTheFailures() {
        lockout.failed("agent1");
        lockout.failed("agent1");
        lockout.succeeded("agent1", lockout.current("agent1"));
        assertThat(attempts.find("agent1")).isEqualTo(FailedAttempts.NONE);
        assertThat(lockout.failed("agent1")).isEmpty();
    }

    @Test
    void usersAreAddedWithABcryptHashListedWithTheirLockAndRemoved() {
        InMemoryConsoleUsers table = new InMemoryConsoleUsers();
        UserAccounts accounts = new UserAccounts(table, attempts, clock);
        ConsoleUser added = accounts.add("sup", Role.SUPERVISOR, "a-good-password", "test");
        assertThat(added.passwordHash()).startsWith("{bcrypt}$2a$12$");
        assertThat(new BCryptPasswordEncoder().matches("a-good-password", added.passwordHash().substring(8))).isTrue();
        assertThat(added.toString()).doesNotContain("$2a$");
        assertThatThrownBy(() -> accounts.add("sup", Role.AGENT, "another-password", "test")).isInstanceOf(UserExists.class);
        assertThatThrownBy(() -> accounts.add("a b", Role.AGENT, "another-password", "test"))
                .isInstanceOf(InvalidAgentName.class);
        assertThatThrownBy(() -> accounts.add("short", Role.AGENT, "1234567", "test")).isInstanceOf(PasswordTooShort.class);

        lockout.failed("sup");
        lockout.failed("sup");
        lockout.failed("sup");
        assertThat(accounts.list()).containsExactly(
                new UserListing("sup", Role.SUPERVISOR, Instant.parse("2026-01-05T09:15:00Z")));
        accounts.remove("sup");
        assertThat(accounts.list()).isEmpty();
        assertThat(attempts.find("sup")).as("removing unlocks").isEqualTo(FailedAttempts.NONE);
        assertThatThrownBy(() -> accounts.remove("sup")).isInstanceOf(NoSuchUser.class);
    }

    @Test
    void rolesHaveTheirIdsAndAuthorities() {
        assertThat(Role.ofId("supervisor")).contains(Role.SUPERVISOR);
        assertThat(Role.ofId("Supervisor")).isEmpty();
        assertThat(Role.AGENT.authority()).isEqualTo("ROLE_AGENT");
        assertThat(Role.ofAuthority("ROLE_ADMIN")).contains(Role.ADMIN);
    }
}
