package io.dataivr.store.pg;

import io.dataivr.call.CallOutcome;
import io.dataivr.call.ChannelId;
import io.dataivr.session.recovery.ClosedWhileDown;
import io.dataivr.session.recovery.RecoverableCalls;
import io.dataivr.session.RecoveredCall;
import io.dataivr.session.record.SessionRecord;
import io.dataivr.session.VoiceRequest;
import io.dataivr.session.record.SessionRecords;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * A session's record read back from the tables {@link JdbcSessionStore} writes; pending writes are
 * flushed first, so the record includes everything the session did before the request.
 */
public class JdbcSessionRecords implements SessionRecords, RecoverableCalls {

    private final JdbcTemplate jdbc;
    private final JdbcSessionStore writes;

    public JdbcSessionRecords(JdbcTemplate jdbc, JdbcSessionStore writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @Override
    public Optional<SessionRecord> find(UUID sessionId) {
        writes.flush();
        List<SessionRecord> sessions = jdbc.query("""
                select id, menu_id, menu_version, language, client_ref, started_at, ended_at, end_reason
                from consultation_session where id = ?""", (rs, row) -> new SessionRecord(
                sessionId, rs.getString("menu_id"), rs.getInt("menu_version"), rs.getString("language"),
                rs.getString("client_ref"), instant(rs, "started_at"), instant(rs, "ended_at"),
                rs.getString("end_reason"), items(sessionId), deliveries(sessionId), calls(sessionId),
                end(sessionId)), sessionId);
        return sessions.stream().findFirst();
    }

    /** A voice call and its session, as stored (after a restart: nothing of this process is pending). */
    @Override
    public Optional<RecoveredCall> ofRequest(String requestId) {
        writes.flush();
        return jdbc.query("""
                select c.id, c.session_id, c.queue, c.requested_at, c.caller_channel_id, c.answered_at,
                       s.menu_id, s.menu_version, s.language, s.client_ref, s.started_at, s.ended_at,
                       s.menu_path, s.resume_hash, s.rest_secret_hash,
                       (select item_path from service_item_log i where i.session_id = s.id and i.kind = 'voice'
                        order by seq desc limit 1) as item_path,
                       (select count(*) from service_item_log i where i.session_id = s.id) as items,
                       (select count(*) from content_delivery_log d where d.session_id = s.id) as contents,
                       (select count(*) from voice_call v where v.session_id = s.id) as calls
                from voice_call c join consultation_session s on s.id = c.session_id
                where c.id = ?""", (rs, row) -> {
            UUID sessionId = rs.getObject("session_id", UUID.class);
            VoiceRequest request = new VoiceRequest(rs.getString("id"), sessionId, rs.getString("queue"),
                    rs.getString("item_path"), instant(rs, "requested_at"));
            return new RecoveredCall(request, ChannelId.of(rs.getString("caller_channel_id")), instant(rs, "answered_at"),
                    rs.getString("menu_id"), rs.getInt("menu_version"), rs.getString("language"),
                    rs.getString("client_ref"), instant(rs, "started_at"), instant(rs, "ended_at"),
                    rs.getInt("items"), rs.getInt("contents"), rs.getInt("calls"), path(rs.getString("menu_path")),
                    rs.getBytes("resume_hash"), rs.getBytes("rest_secret_hash"));
        }, requestId).stream().findFirst();
    }

    /**
     * One statement, so one transaction: the calls closed, their open sessions not held ended, and
     * those sessions' end records (counted from the logs) inserted.
     */
    private static final String CLOSE_ENDED_WHILE_DOWN = """
            with closed as (
                update voice_call set ended_at = ?, outcome = ?
                where ended_at is null and requested_at < ? and not (id = any(?))
                  and (caller_channel_id is null or not (caller_channel_id = any(?)))
                returning id, session_id),
            ended as (
                update consultation_session set ended_at = ?, end_reason = ?
                where id in (select session_id from closed) and ended_at is null and not (id = any(?))
                returning id),
            records as (
                insert into session_end_record (session_id, ended_at, reason, items_chosen, contents_sent, voice_calls)
                select e.id, ?, ?,
                       (select count(*) from service_item_log i where i.session_id = e.id),
                       (select count(*) from content_delivery_log d where d.session_id = e.id),
                       (select count(*) from voice_call v where v.session_id = e.id)
                from ended e
                on conflict (session_id) do nothing
                returning session_id)
            select 'call' as kind, id as ref from closed
            union all
            select 'session', session_id::text from records""";

    @Override
    public ClosedWhileDown closeEndedWhileDown(Set<String> liveRequests, Set<ChannelId> liveChannels,
            Set<UUID> heldSessions, Instant before, CallOutcome outcome, Instant at) {
        String reason = outcome.stored();
        writes.flush(); // what this process wrote (e.g. a call linked again) is in the rows first
        List<String> calls = new ArrayList<>();
        List<UUID> sessions = new ArrayList<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(CLOSE_ENDED_WHILE_DOWN);
            Timestamp end = Timestamp.from(at);
            statement.setTimestamp(1, end);
            statement.setString(2, reason);
            statement.setTimestamp(3, Timestamp.from(before));
            statement.setArray(4, connection.createArrayOf("text", liveRequests.toArray()));
            statement.setArray(5, connection.createArrayOf("text", liveChannels.stream().map(ChannelId::value).toArray()));
            statement.setTimestamp(6, end);
            statement.setString(7, reason);
            statement.setArray(8, connection.createArrayOf("uuid", heldSessions.toArray()));
            statement.setTimestamp(9, end);
            statement.setString(10, reason);
            return statement;
        }, (RowCallbackHandler) rs -> {
            if ("call".equals(rs.getString("kind"))) {
                calls.add(rs.getString("ref"));
            } else {
                sessions.add(UUID.fromString(rs.getString("ref")));
            }
        });
        return new ClosedWhileDown(calls, sessions);
    }

    private List<SessionRecord.ItemChosen> items(UUID sessionId) {
        return jdbc.query("""
                select seq, item_path, kind, chosen_at, during_call from service_item_log
                where session_id = ? order by seq""", (rs, row) -> new SessionRecord.ItemChosen(rs.getInt("seq"),
                rs.getString("item_path"), rs.getString("kind"), instant(rs, "chosen_at"),
                rs.getBoolean("during_call")), sessionId);
    }

    private List<SessionRecord.ContentDelivered> deliveries(UUID sessionId) {
        return jdbc.query("""
                select item_path, language, chars, delivered_at from content_delivery_log
                where session_id = ? order by delivered_at, id""", (rs, row) -> new SessionRecord.ContentDelivered(
                rs.getString("item_path"), rs.getString("language"), rs.getInt("chars"),
                instant(rs, "delivered_at")), sessionId);
    }

    private List<SessionRecord.VoiceCall> calls(UUID sessionId) {
        return jdbc.query("""
                select id, queue, requested_at, agent, ringing_at, answered_at, ended_at, outcome, disposition,
                       disposition_note, disposed_by, disposed_at from voice_call
                where session_id = ? order by requested_at, id""", (rs, row) -> new SessionRecord.VoiceCall(
                rs.getString("id"), rs.getString("queue"), instant(rs, "requested_at"), rs.getString("agent"),
                instant(rs, "ringing_at"), instant(rs, "answered_at"), instant(rs, "ended_at"),
                rs.getString("outcome"), rs.getString("disposition"), rs.getString("disposition_note"),
                rs.getString("disposed_by"), instant(rs, "disposed_at")), sessionId);
    }

    private SessionRecord.End end(UUID sessionId) {
        return jdbc.query("""
                select ended_at, reason, items_chosen, contents_sent, voice_calls from session_end_record
                where session_id = ?""", (rs, row) -> new SessionRecord.End(instant(rs, "ended_at"),
                rs.getString("reason"), rs.getInt("items_chosen"), rs.getInt("contents_sent"),
                rs.getInt("voice_calls")), sessionId).stream().findFirst().orElse(null);
    }

    /** A stored menu level ({@code "2/1"}; '' or null at the top) as its keys. */
    private static List<String> path(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split("/"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
