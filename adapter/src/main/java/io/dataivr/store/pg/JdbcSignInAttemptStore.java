package io.dataivr.store.pg;

import io.dataivr.signin.FailedAttempts;
import io.dataivr.signin.SignInAttemptStore;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wrong passwords in a row per user in table {@code signin_failure} (V11), shared by every adapter
 * node. An update locks the user's row, so two nodes counting at once lose no failure.
 */
public class JdbcSignInAttemptStore implements SignInAttemptStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public JdbcSignInAttemptStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public FailedAttempts find(String name) {
        return jdbc.query("select failures, locked_until from signin_failure where name = ?",
                (row, i) -> new FailedAttempts(row.getInt("failures"), instant(row.getTimestamp("locked_until"))), name)
                .stream().findFirst().orElse(FailedAttempts.NONE);
    }

    @Override
    public FailedAttempts update(String name, UnaryOperator<FailedAttempts> next) {
        return transactions.execute(status -> {
            jdbc.update("insert into signin_failure (name, failures, last_failure_at) values (?, 0, now()) "
                    + "on conflict (name) do nothing", name);
            FailedAttempts current = jdbc.queryForObject(
                    "select failures, locked_until from signin_failure where name = ? for update",
                    (row, i) -> new FailedAttempts(row.getInt("failures"), instant(row.getTimestamp("locked_until"))),
                    name);
            FailedAttempts after = next.apply(current);
            jdbc.update("update signin_failure set failures = ?, locked_until = ?, last_failure_at = now() where name = ?",
                    after.failures(), after.lockedUntil() == null ? null : Timestamp.from(after.lockedUntil()), name);
            return after;
        });
    }

    @Override
    public void clear(String name) {
        jdbc.update("delete from signin_failure where name = ?", name);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
