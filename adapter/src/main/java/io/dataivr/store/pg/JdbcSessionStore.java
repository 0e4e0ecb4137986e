package io.dataivr.store.pg;

import io.dataivr.session.ConsultationSession;
import io.dataivr.session.SessionEndRecord;
import io.dataivr.session.SessionStore;
import io.dataivr.session.VoiceRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Sessions, the service-item log, content deliveries and calls in PostgreSQL. */
public class JdbcSessionStore implements SessionStore {

    private final JdbcTemplate jdbc;

    public JdbcSessionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void started(ConsultationSession session) {
        jdbc.update("""
                insert into consultation_session (id, menu_id, menu_version, language, client_ref, started_at)
                values (?, ?, ?, ?, ?, ?)""", session.id(), session.menu().id(), session.menu().version(),
                session.language(), session.clientRef(), ts(session.startedAt()));
    }

    @Override
    public void itemChosen(UUID sessionId, int seq, String itemPath, String kind, Instant at, boolean duringCall) {
        jdbc.update("""
                insert into service_item_log (session_id, seq, item_path, kind, chosen_at, during_call)
                values (?, ?, ?, ?, ?, ?)""", sessionId, seq, itemPath, kind, ts(at), duringCall);
    }

    @Override
    public void contentDelivered(UUID sessionId, String itemPath, String language, int chars, Instant at) {
        jdbc.update("""
                insert into content_delivery_log (session_id, item_path, language, chars, delivered_at)
                values (?, ?, ?, ?, ?)""", sessionId, itemPath, language, chars, ts(at));
    }

    @Override
    public void voiceRequested(VoiceRequest request) {
        jdbc.update("insert into voice_call (id, session_id, queue, requested_at) values (?, ?, ?, ?)",
                request.id(), request.sessionId(), request.queue(), ts(request.requestedAt()));
    }

    @Override
    public void callLinked(String requestId, String callerChannelId, String sipAccount) {
        jdbc.update("update voice_call set caller_channel_id = ?, sip_account = ? where id = ?", callerChannelId,
                sipAccount, requestId);
    }

    @Override
    public void callRinging(String requestId, String agent, Instant at) {
        jdbc.update("update voice_call set agent = ?, ringing_at = coalesce(ringing_at, ?) where id = ?",
                agent, ts(at), requestId);
    }

    @Override
    public void callAnswered(String requestId, String agent, Instant at) {
        jdbc.update("update voice_call set agent = ?, answered_at = ? where id = ?", agent, ts(at), requestId);
    }

    @Override
    public void callEnded(String requestId, String outcome, Instant at) {
        jdbc.update("update voice_call set ended_at = ?, outcome = ? where id = ? and ended_at is null",
                ts(at), outcome, requestId);
    }

    @Override
    public void ended(SessionEndRecord record) {
        jdbc.update("update consultation_session set ended_at = ?, end_reason = ? where id = ?",
                ts(record.endedAt()), record.reason(), record.sessionId());
        jdbc.update("""
                insert into session_end_record (session_id, ended_at, reason, items_chosen, contents_sent, voice_calls)
                values (?, ?, ?, ?, ?, ?)""", record.sessionId(), ts(record.endedAt()), record.reason(),
                record.itemsChosen(), record.contentsSent(), record.voiceCalls());
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
