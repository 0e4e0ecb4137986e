package io.dataivr.store.pg;

import io.dataivr.signin.ConsoleUser;
import io.dataivr.signin.ConsoleUserStore;
import io.dataivr.signin.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The users of {@code ./dataivr user …} in table {@code console_user} (V11); removing one also ends its page
 * sessions (table {@code spring_session}, V14).
 */
public class JdbcConsoleUserStore implements ConsoleUserStore {

    private final JdbcTemplate jdbc;

    public JdbcConsoleUserStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ConsoleUser> find(String name) {
        return jdbc.query("select name, role, password_hash from console_user where name = ?", JdbcConsoleUserStore::user,
                name).stream().findFirst();
    }

    @Override
    public List<ConsoleUser> list() {
        return jdbc.query("select name, role, password_hash from console_user order by name", JdbcConsoleUserStore::user);
    }

    @Override
    public boolean add(ConsoleUser user, String addedBy) {
        return jdbc.update("insert into console_user (name, role, password_hash, created_by) values (?, ?, ?, ?) "
                + "on conflict (name) do nothing", user.name(), user.role().id(), user.passwordHash(), addedBy) == 1;
    }

    @Override
    public boolean remove(String name) {
        // One statement: the user and its page sessions (Spring Session's rows, V14, by the name it signed in
        // with; their attributes go by cascade) are gone together, on every adapter node at once.
        Long removed = jdbc.queryForObject("""
                with removed as (delete from console_user where name = ? returning name),
                     ended as (delete from spring_session where principal_name in (select name from removed))
                select count(*) from removed
                """, Long.class, name);
        return removed != null && removed == 1;
    }

    private static ConsoleUser user(ResultSet row, int index) throws SQLException {
        String role = row.getString("role");
        return new ConsoleUser(row.getString("name"),
                Role.ofId(role).orElseThrow(() -> new IllegalStateException("console_user: unknown role " + role)),
                row.getString("password_hash"));
    }
}
