package io.dataivr.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.IntegrationTest;
import io.dataivr.report.CallOrigin;
import io.dataivr.report.CallRecord;
import io.dataivr.report.ReportDay;
import io.dataivr.report.SessionCounts;
import io.dataivr.session.device.DeviceKind;
import io.dataivr.session.device.SipAccount;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A day's calls and sessions read from the real PostgreSQL: the day's bounds in the report's zone (the first
 * instant in, the next day's first out), each call with its session's client reference and its origin from its
 * SIP account's device kind (kept in Asterisk's realtime database), and the day's sessions with the contained
 * ones. A day long past, so the rows other tests write do not count.
 */
@IntegrationTest
class JdbcCallReportStoreIntegrationTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ReportDay DAY = ReportDay.of(LocalDate.parse("2001-02-03"), SHANGHAI);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JdbcCallReportStore store;
    @Autowired
    JdbcSipAccountStore accounts;

    @Test
    void theDaysCallsAreReadWithTheirSessionsClientAndOriginWithinTheDaysBoundsInTheZone() {
        UUID talked = session("2001-02-03T00:00:00", "client, \"seven\"", 1);
        UUID contained = session("2001-02-03T12:00:00", null, 0);
        session("2001-02-03T23:59:59", null, null);                  // still open
        UUID dayBefore = session("2001-02-02T23:59:59", null, 0);  // the day before, in Shanghai
        UUID dayAfter = session("2001-02-04T00:00:00", null, 1);   // the day after

        String browserAccount = "wbtest" + UUID.randomUUID().toString().substring(0, 8);
        accounts.provision(new SipAccount(browserAccount, "secret-not-used", "127.0.0.1", "127.0.0.1:5060",
                Instant.parse("2001-02-03T10:00:00Z"), DeviceKind.WEBRTC, "ws://127.0.0.1:8088/ws"), talked,
                Instant.parse("2001-02-03T01:00:00Z"));
        try {
            call("vr-wb-first", talked, "2001-02-03T00:00:00", browserAccount, "2001-02-03T00:00:09", "completed by agent");
            call("vr-wb-second", talked, "2001-02-03T08:00:00", "customer3", null, "abandoned");
            call("vr-wb-before", dayBefore, "2001-02-02T23:59:59", null, null, "cancelled");
            call("vr-wb-after", dayAfter, "2001-02-04T00:00:00", null, null, "abandoned");

            List<CallRecord> calls = store.calls(DAY);

            assertThat(calls).extracting(CallRecord::id).containsExactly("vr-wb-first", "vr-wb-second");
            CallRecord first = calls.get(0);
            assertThat(first.sessionId()).isEqualTo(talked);
            assertThat(first.clientRef()).isEqualTo("client, \"seven\"");
            assertThat(first.queue()).isEqualTo("support");
            assertThat(first.origin()).isEqualTo(CallOrigin.BROWSER);
            assertThat(first.requestedAt()).isEqualTo(DAY.from());
            assertThat(first.answeredAt()).isEqualTo(DAY.from().plusSeconds(9));
            assertThat(first.agent()).isEqualTo("agent1");
            assertThat(first.outcome()).isEqualTo("completed by agent");
            assertThat(calls.get(1).origin()).as("an app's account").isEqualTo(CallOrigin.APP);
            assertThat(calls.get(1).abandoned()).isTrue();

            SessionCounts sessions = store.sessions(DAY);
            assertThat(sessions).isEqualTo(new SessionCounts(3, 2, 1));
            assertThat(contained).isNotNull();
        } finally {
            accounts.revoke(browserAccount, "test over", Instant.now());
        }
    }

    @Test
    void aDayWhoseCallsHaveNoDeviceAccountIsReadWithItsCallsFromTheApp() {
        // Calls made without a device account of the session's (a softphone dialling the link): no SIP account.
        ReportDay day = ReportDay.of(LocalDate.parse("2001-03-04"), SHANGHAI);
        UUID session = session("2001-03-04T09:00:00", null, 1);
        String id = "vr-wb-noaccount-" + UUID.randomUUID().toString().substring(0, 8);
        call(id, session, "2001-03-04T09:00:10", null, "2001-03-04T09:00:20", "completed by agent");

        List<CallRecord> calls = store.calls(day);

        assertThat(calls).extracting(CallRecord::id).containsExactly(id);
        assertThat(calls.get(0).origin()).isEqualTo(CallOrigin.APP);
    }

    @Test
    void aDayWithoutCallsOrSessionsIsEmpty() {
        ReportDay quiet = ReportDay.of(LocalDate.parse("2001-01-01"), SHANGHAI);

        assertThat(store.calls(quiet)).isEmpty();
        assertThat(store.sessions(quiet)).isEqualTo(SessionCounts.NONE);
    }

    /** A session started at {@code local} Shanghai time; {@code voiceCalls} null: still open. */
    private UUID session(String local, String clientRef, Integer voiceCalls) {
        Map<String, Object> menu = jdbc.queryForMap("select menu_id, version from menu_version order by menu_id, version limit 1");
        UUID id = UUID.randomUUID();
        Timestamp started = at(local);
        jdbc.update("""
                insert into consultation_session (id, menu_id, menu_version, language, client_ref, started_at)
                values (?, ?, ?, 'en', ?, ?)""", id, menu.get("menu_id"), menu.get("version"), clientRef, started);
        if (voiceCalls != null) {
            Timestamp ended = Timestamp.from(started.toInstant().plusSeconds(60));
            jdbc.update("update consultation_session set ended_at = ?, end_reason = 'customer' where id = ?", ended, id);
            jdbc.update("""
                    insert into session_end_record (session_id, ended_at, reason, items_chosen, contents_sent, voice_calls)
                    values (?, ?, 'customer', 1, 0, ?)""", id, ended, voiceCalls);
        }
        return id;
    }

    private void call(String id, UUID session, String requested, String account, String answered, String outcome) {
        jdbc.update("""
                insert into voice_call (id, session_id, queue, requested_at, caller_channel_id, agent, ringing_at,
                                        answered_at, ended_at, outcome, sip_account)
                values (?, ?, 'support', ?, ?, ?, ?, ?, ?, ?, ?)""", id, session, at(requested), "1.1",
                answered == null ? null : "agent1", answered == null ? null : at(answered),
                answered == null ? null : at(answered), Timestamp.from(at(requested).toInstant().plusSeconds(100)),
                outcome, account);
    }

    private static Timestamp at(String local) {
        return Timestamp.from(java.time.LocalDateTime.parse(local).atZone(SHANGHAI).toInstant());
    }
}
