package io.dataivr.store.pg;

import io.dataivr.console.CallerHistory;
import io.dataivr.console.EarlierSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * A caller's latest sessions by client reference: three statements whatever the number of sessions (the
 * sessions, then their items and calls for all of them at once). Pending session writes are flushed first.
 */
public class JdbcCallerHistory implements CallerHistory {

    private final JdbcTemplate jdbc;
    private final JdbcSessionStore writes;

    public JdbcCallerHistory(JdbcTemplate jdbc, JdbcSessionStore writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    private record Head(UUID id, String menuId, int menuVersion, String language, Instant startedAt, Instant endedAt) {
    }

    @Override
    public List<EarlierSession> latest(String clientRef, UUID current, int limit) {
        writes.flush();
        List<Head> heads = jdbc.query("""
                select id, menu_id, menu_version, language, started_at, ended_at from consultation_session
                where client_ref = ? and id <> ? order by started_at desc, id limit ?""",
                (rs, row) -> new Head(rs.getObject("id", UUID.class), rs.getString("menu_id"),
                        rs.getInt("menu_version"), rs.getString("language"), instant(rs, "started_at"),
                        instant(rs, "ended_at")), clientRef, current, limit);
        if (heads.isEmpty()) {
            return List.of();
        }
        UUID[] ids = heads.stream().map(Head::id).toArray(UUID[]::new);
        Map<UUID, List<EarlierSession.Item>> items = new HashMap<>();
        jdbc.query(connection -> withIds(connection, """
                select session_id, item_path, kind, chosen_at, during_call from service_item_log
                where session_id = any(?) order by session_id, seq""", ids), (RowCallbackHandler) rs ->
                items.computeIfAbsent(rs.getObject("session_id", UUID.class), k -> new ArrayList<>())
                        .add(new EarlierSession.Item(rs.getString("item_path"), rs.getString("kind"),
                                instant(rs, "chosen_at"), rs.getBoolean("during_call"))));
        Map<UUID, List<EarlierSession.Call>> calls = new HashMap<>();
        jdbc.query(connection -> withIds(connection, """
                select session_id, id, queue, agent, answered_at, disposition, disposition_note from voice_call
                where session_id = any(?) order by requested_at, id""", ids), (RowCallbackHandler) rs ->
                calls.computeIfAbsent(rs.getObject("session_id", UUID.class), k -> new ArrayList<>())
                        .add(new EarlierSession.Call(rs.getString("id"), rs.getString("queue"),
                                rs.getString("agent"), instant(rs, "answered_at"), rs.getString("disposition"),
                                rs.getString("disposition_note"))));
        return heads.stream().map(h -> new EarlierSession(h.id(), h.menuId(), h.menuVersion(), h.language(),
                h.startedAt(), h.endedAt(), items.getOrDefault(h.id(), List.of()),
                calls.getOrDefault(h.id(), List.of()))).toList();
    }

    private static PreparedStatement withIds(Connection connection, String sql, UUID[] ids) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setArray(1, connection.createArrayOf("uuid", ids));
        return statement;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
