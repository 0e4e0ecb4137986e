package io.dataivr.store.pg;

import io.dataivr.report.CallOrigin;
import io.dataivr.report.CallRecord;
import io.dataivr.report.CallReportStore;
import io.dataivr.report.ReportDay;
import io.dataivr.report.SessionCounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A day's calls and sessions for the wallboard and the CSV export. Calls and sessions are written behind
 * ({@link JdbcSessionStore}'s journal): every read first waits until what was written so far is stored. A
 * call's origin is its SIP account's device kind (the account rows may live in Asterisk's realtime database,
 * {@link JdbcSipAccountStore}).
 */
public class JdbcCallReportStore implements CallReportStore {

    private static final String CALLS = """
            select v.id, v.session_id, s.client_ref, v.queue, v.sip_account, v.requested_at, v.ringing_at,
                   v.answered_at, v.ended_at, v.agent, v.outcome, v.disposition, v.disposition_note
            from voice_call v left join consultation_session s on s.id = v.session_id
            where v.requested_at >= ? and v.requested_at < ?
            order by v.requested_at, v.id""";
    private static final String SESSIONS = """
            select count(*) as sessions,
                   count(e.session_id) as ended,
                   count(e.session_id) filter (where e.voice_calls = 0) as contained
            from consultation_session s left join session_end_record e on e.session_id = s.id
            where s.started_at >= ? and s.started_at < ?""";

    private final JdbcTemplate jdbc;
    private final JdbcSessionStore writes;
    private final JdbcSipAccountStore accounts;

    public JdbcCallReportStore(JdbcTemplate jdbc, JdbcSessionStore writes, JdbcSipAccountStore accounts) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.accounts = accounts;
    }

    private record Row(CallRecord call, String sipAccount) {
    }

    @Override
    public List<CallRecord> calls(ReportDay day) {
        writes.flush();
        List<Row> rows = jdbc.query(CALLS, (rs, n) -> row(rs), Timestamp.from(day.from()), Timestamp.from(day.to()));
        Set<String> browsers = accounts.webrtcAmong(rows.stream().map(Row::sipAccount).filter(Objects::nonNull)
                .distinct().toList());
        List<CallRecord> calls = new ArrayList<>(rows.size());
        for (Row row : rows) {
            CallRecord c = row.call();
            // No SIP account (a static softphone dialled the link): not a browser's.
            CallOrigin origin = row.sipAccount() != null && browsers.contains(row.sipAccount()) ? CallOrigin.BROWSER
                    : CallOrigin.APP;
            calls.add(new CallRecord(c.id(), c.sessionId(), c.clientRef(), c.queue(), origin, c.requestedAt(),
                    c.ringingAt(), c.answeredAt(), c.endedAt(), c.agent(), c.outcome(), c.disposition(),
                    c.dispositionNote()));
        }
        return calls;
    }

    @Override
    public SessionCounts sessions(ReportDay day) {
        writes.flush();
        return jdbc.queryForObject(SESSIONS, (rs, n) -> new SessionCounts(rs.getInt("sessions"), rs.getInt("ended"),
                rs.getInt("contained")), Timestamp.from(day.from()), Timestamp.from(day.to()));
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(new CallRecord(rs.getString("id"), rs.getObject("session_id", UUID.class),
                rs.getString("client_ref"), rs.getString("queue"), CallOrigin.APP, instant(rs, "requested_at"),
                instant(rs, "ringing_at"), instant(rs, "answered_at"), instant(rs, "ended_at"), rs.getString("agent"),
                rs.getString("outcome"), rs.getString("disposition"), rs.getString("disposition_note")),
                rs.getString("sip_account"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
