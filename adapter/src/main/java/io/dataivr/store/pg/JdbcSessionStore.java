package io.dataivr.store.pg;

import io.dataivr.call.CallOutcome;
import io.dataivr.call.ChannelId;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.SessionEndRecord;
import io.dataivr.session.SessionStore;
import io.dataivr.session.VoiceRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sessions, the service-item log, content deliveries and calls in PostgreSQL. Every write goes
 * through one ordered {@link WriteBehindJournal} (so a log row never precedes its session row);
 * ending a session waits until everything it wrote is stored.
 */
public class JdbcSessionStore implements SessionStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JdbcSessionStore.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final WriteBehindJournal<Write> journal;
    /** The COPY text of the journal's batches (its buffer is reused): used by the journal's thread only. */
    private final CopyRows copyRows = new CopyRows();
    /**
     * Sessions whose row the database refused (newest last, bounded): their log rows are skipped as
     * the foreign key skipped them before V6. Used by the journal's thread only.
     */
    private final Set<UUID> refusedSessions = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > MAX_REFUSED_SESSIONS;
        }
    });

    public JdbcSessionStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.journal = new WriteBehindJournal<>("session-journal", 50_000, this::write);
    }

    /**
     * One SQL statement and its arguments. {@code stage} orders a batch: 0 inserts a session, 1 inserts
     * a row that points to one (log rows, calls, end records), 2 updates a row inserted before.
     * {@code copy}, when set, is the same insert as a COPY statement (for the rows navigation writes).
     * {@code session} is the session a row of the log tables belongs to (they have no foreign key, see
     * db/migration/V6): the session whose row it inserts (stage 0) or whose log it adds to; else null.
     * {@code latest}, when set on an update, names what it overwrites (e.g. a session's menu level): of
     * the updates of one batch with the same statement and {@code latest}, only the last is run.
     */
    record Write(String sql, int stage, String copy, UUID session, Object[] args, Object latest) {

        Write(String sql, int stage, String copy, Object[] args) {
            this(sql, stage, copy, null, args, null);
        }

        Write(String sql, int stage, String copy, UUID session, Object[] args) {
            this(sql, stage, copy, session, args, null);
        }
    }

    private static final String SESSION_STARTED = """
            insert into consultation_session (id, menu_id, menu_version, language, client_ref, started_at)
            values (?, ?, ?, ?, ?, ?)""";
    private static final String ITEM_CHOSEN = """
            insert into service_item_log (session_id, seq, item_path, kind, chosen_at, during_call)
            values (?, ?, ?, ?, ?, ?)""";
    private static final String COPY_ITEM_CHOSEN =
            "copy service_item_log (session_id, seq, item_path, kind, chosen_at, during_call) from stdin";
    private static final String CONTENT_DELIVERED = """
            insert into content_delivery_log (session_id, item_path, language, chars, delivered_at)
            values (?, ?, ?, ?, ?)""";
    private static final String COPY_CONTENT_DELIVERED =
            "copy content_delivery_log (session_id, item_path, language, chars, delivered_at) from stdin";
    private static final String MOVED_TO = "update consultation_session set menu_path = ? where id = ?";
    private static final int SESSION = 0;
    private static final int CHILD = 1;
    private static final int UPDATE = 2;
    private static final int MAX_REFUSED_SESSIONS = 10_000;

    @Override
    public void started(ConsultationSession session) {
        journal.append(new Write(SESSION_STARTED, SESSION, null, session.id(), new Object[] {session.id(),
                session.menu().id(), session.menu().version(), session.language(), session.clientRef(),
                ts(session.startedAt())}));
    }

    @Override
    public void movedTo(UUID sessionId, List<String> path) {
        // Navigation moves often: of a session's moves in one batch, only the last is written.
        journal.append(new Write(MOVED_TO, UPDATE, null, null, new Object[] {String.join("/", path), sessionId},
                sessionId));
    }

    @Override
    public void resumable(UUID sessionId, byte[] resumeSecretHash) {
        append(UPDATE, "update consultation_session set resume_hash = ? where id = ?", resumeSecretHash, sessionId);
    }

    @Override
    public void restOwned(UUID sessionId, byte[] secretHash) {
        append(UPDATE, "update consultation_session set rest_secret_hash = ? where id = ?", secretHash, sessionId);
    }

    @Override
    public void itemChosen(UUID sessionId, int seq, String itemPath, String kind, Instant at, boolean duringCall) {
        journal.append(new Write(ITEM_CHOSEN, CHILD, COPY_ITEM_CHOSEN, sessionId,
                new Object[] {sessionId, seq, itemPath, kind, ts(at), duringCall}));
    }

    @Override
    public void contentDelivered(UUID sessionId, String itemPath, String language, int chars, Instant at) {
        journal.append(new Write(CONTENT_DELIVERED, CHILD, COPY_CONTENT_DELIVERED, sessionId,
                new Object[] {sessionId, itemPath, language, chars, ts(at)}));
    }

    @Override
    public void voiceRequested(VoiceRequest request) {
        append(CHILD, "insert into voice_call (id, session_id, queue, requested_at) values (?, ?, ?, ?)",
                request.id(), request.sessionId(), request.queue(), ts(request.requestedAt()));
    }

    @Override
    public void callLinked(String requestId, ChannelId callerChannelId, String sipAccount) {
        append(UPDATE, "update voice_call set caller_channel_id = ?, sip_account = ? where id = ?",
                ChannelId.valueOf(callerChannelId),
                sipAccount, requestId);
    }

    @Override
    public void callRinging(String requestId, String agent, Instant at) {
        append(UPDATE, "update voice_call set agent = ?, ringing_at = coalesce(ringing_at, ?) where id = ?",
                agent, ts(at), requestId);
    }

    @Override
    public void callAnswered(String requestId, String agent, Instant at) {
        append(UPDATE, "update voice_call set agent = ?, answered_at = ? where id = ?", agent, ts(at), requestId);
    }

    @Override
    public void callEnded(String requestId, CallOutcome outcome, Instant at) {
        append(UPDATE, "update voice_call set ended_at = ?, outcome = ? where id = ? and ended_at is null",
                ts(at), outcome.stored(), requestId);
    }

    @Override
    public void ended(SessionEndRecord record) {
        append(UPDATE, "update consultation_session set ended_at = ?, end_reason = ? where id = ?",
                ts(record.endedAt()), record.reason(), record.sessionId());
        append(CHILD, """
                insert into session_end_record (session_id, ended_at, reason, items_chosen, contents_sent, voice_calls)
                values (?, ?, ?, ?, ?, ?)""", record.sessionId(), ts(record.endedAt()), record.reason(),
                record.itemsChosen(), record.contentsSent(), record.voiceCalls());
        journal.flush();
    }

    /** Waits until every write made so far is stored. */
    public void flush() {
        journal.flush();
    }

    private void append(int stage, String sql, Object... args) {
        journal.append(new Write(sql, stage, null, args));
    }

    /**
     * Runs a batch in one transaction, consecutive writes of the same statement as one JDBC batch.
     * A write the database refuses for its data is logged and skipped so it cannot block the rest
     * (and when it is a session's row, so are that session's log rows); any other failure
     * (PostgreSQL away) propagates and the journal retries the batch.
     */
    private void write(List<Write> batch) {
        List<Write> accepted = refusedSessions.isEmpty() ? batch : withoutRefusedSessions(batch);
        if (accepted.isEmpty()) {
            return;
        }
        try {
            writeBatch(accepted);
        } catch (DataIntegrityViolationException e) {
            for (Write write : accepted) {
                if (write.stage != SESSION && write.session != null && refusedSessions.contains(write.session)) {
                    skipped(write);
                    continue;
                }
                try {
                    transactions.executeWithoutResult(status -> jdbc.update(write.sql, write.args));
                } catch (DataIntegrityViolationException refused) {
                    log.error("the database refused a session write and it was skipped: {} ({})",
                            write.sql.lines().findFirst().orElse(""), refused.getMostSpecificCause().getMessage());
                    if (write.stage == SESSION && write.session != null) {
                        refusedSessions.add(write.session);
                    }
                }
            }
        }
    }

    private List<Write> withoutRefusedSessions(List<Write> batch) {
        List<Write> accepted = new ArrayList<>(batch.size());
        for (Write write : batch) {
            if (write.session != null && write.stage != SESSION && refusedSessions.contains(write.session)) {
                skipped(write);
            } else {
                accepted.add(write);
            }
        }
        return accepted;
    }

    private static void skipped(Write write) {
        log.error("a log row of session {} was skipped: the database refused the session's own row ({})",
                write.session, write.sql.lines().findFirst().orElse(""));
    }

    private void writeBatch(List<Write> batch) {
        transactions.executeWithoutResult(status -> {
            for (Run run : runs(batch)) {
                if (run.copy != null) {
                    jdbc.execute((ConnectionCallback<Long>) connection -> copyRows.copy(connection, run.copy,
                            run.args));
                } else {
                    jdbc.batchUpdate(run.sql, run.args);
                }
            }
        });
    }

    /** Writes of one statement sent as one JDBC batch, or as one COPY when {@code copy} is set. */
    record Run(String sql, String copy, List<Object[]> args) {
    }

    /**
     * A batch as few JDBC batches, in an order the foreign keys accept: sessions first, then the
     * rows that point to them grouped by statement (each statement's rows keep their order), then
     * the updates in the order they were made (an update another one with the same {@code latest}
     * overwrites later in the batch left out). Navigation interleaves item and delivery rows; sent in
     * order they would cost a round trip each.
     */
    static List<Run> runs(List<Write> batch) {
        Map<String, Run> grouped = new LinkedHashMap<>();
        List<Run> updates = new ArrayList<>();
        for (int stage = SESSION; stage <= CHILD; stage++) {
            for (Write write : batch) {
                if (write.stage == stage) {
                    grouped.computeIfAbsent(write.sql, sql -> new Run(sql, write.copy, new ArrayList<>()))
                            .args.add(write.args);
                }
            }
        }
        Map<List<Object>, Write> latest = new HashMap<>();
        for (Write write : batch) {
            if (write.stage == UPDATE && write.latest != null) {
                latest.put(List.of(write.sql, write.latest), write);
            }
        }
        for (Write write : batch) {
            if (write.stage == UPDATE && (write.latest == null || latest.get(List.of(write.sql, write.latest)) == write)) {
                Run last = updates.isEmpty() ? null : updates.get(updates.size() - 1);
                if (last == null || !last.sql.equals(write.sql)) {
                    last = new Run(write.sql, null, new ArrayList<>());
                    updates.add(last);
                }
                last.args.add(write.args);
            }
        }
        List<Run> runs = new ArrayList<>(grouped.values());
        runs.addAll(updates);
        return runs;
    }

    @Override
    public void close() throws InterruptedException {
        journal.close();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
