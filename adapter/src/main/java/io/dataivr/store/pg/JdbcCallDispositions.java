package io.dataivr.store.pg;

import io.dataivr.console.CallDispositions;
import io.dataivr.console.Disposition;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** A call's disposition in its {@code voice_call} row (migration V12). Pending session writes are flushed first. */
public class JdbcCallDispositions implements CallDispositions {

    private final JdbcTemplate jdbc;
    private final JdbcSessionStore writes;

    public JdbcCallDispositions(JdbcTemplate jdbc, JdbcSessionStore writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @Override
    public Optional<String> answeredBy(String request) {
        writes.flush();
        return jdbc.queryForList("select agent from voice_call where id = ? and answered_at is not null and agent is not null",
                String.class, request).stream().findFirst();
    }

    @Override
    public void record(String request, Disposition disposition) {
        jdbc.update("""
                update voice_call set disposition = ?, disposition_note = ?, disposed_by = ?, disposed_at = ?
                where id = ?""", disposition.code(), disposition.note(), disposition.by(),
                Timestamp.from(disposition.at()), request);
    }
}
