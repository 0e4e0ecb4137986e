package io.dataivr.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.report.CallOrigin;
import io.dataivr.report.CallRecord;
import io.dataivr.report.ReportDay;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallsCsvTests {

    private static final ReportDay DAY = ReportDay.of(LocalDate.parse("2026-12-05"), ZoneId.of("Asia/Shanghai"));
    private static final UUID SESSION = UUID.fromString("0b7c6c0e-1111-4222-8333-444455556666");

    @Test
    void oneRowPerCallWithTimesInTheReportsZoneAndWaitAndHandleSeconds() {
        CallRecord answered = new CallRecord("vr-a", SESSION, "client-7", "support", CallOrigin.BROWSER,
                Instant.parse("2026-12-05T01:00:00Z"), Instant.parse("2026-12-05T01:00:04Z"),
                Instant.parse("2026-12-05T01:00:06.600Z"), Instant.parse("2026-12-05T01:02:06.600Z"), "agent1",
                "completed by agent", "follow-up", "call back, Monday");
        CallRecord waiting = new CallRecord("vr-b", SESSION, null, "support", CallOrigin.APP,
                Instant.parse("2026-12-05T02:00:00Z"), null, null, null, null, null);

        String csv = CallsCsv.of(DAY, List.of(answered, waiting));

        assertThat(csv.split("\r\n", -1)).containsExactly(
                "call_id,session_id,client_ref,queue,origin,requested_at,ringing_at,answered_at,ended_at,"
                        + "wait_seconds,handle_seconds,agent,outcome,disposition,disposition_note",
                "vr-a,0b7c6c0e-1111-4222-8333-444455556666,client-7,support,browser,2026-12-05T09:00:00+08:00,"
                        + "2026-12-05T09:00:04+08:00,2026-12-05T09:00:06+08:00,2026-12-05T09:02:06+08:00,7,120,"
                        + "agent1,completed by agent,follow-up,\"call back, Monday\"",
                "vr-b,0b7c6c0e-1111-4222-8333-444455556666,,support,app,2026-12-05T10:00:00+08:00,,,,,,,,,",
                "");
        assertThat(CallsCsv.filename(DAY)).isEqualTo("dataivr-calls-2026-12-05.csv");
    }

    @Test
    void textIsQuotedWhenItHoldsCommasQuotesOrLineBreaksAndFormulasAreNeutralised() {
        CallRecord call = new CallRecord("vr-c", SESSION, "=HYPERLINK(\"http://x\",\"a, b\")", "support",
                CallOrigin.APP, Instant.parse("2026-12-05T01:00:00Z"), null, null, null, "@agent", "line\nbreak");

        String row = CallsCsv.of(DAY, List.of(call)).split("\r\n")[1];

        assertThat(row).contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"a, b\"\")\",")
                .contains(",'@agent,")
                .endsWith(",\"line\nbreak\",,");
        for (String risky : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(CallsCsv.text(risky)).startsWith("'");
        }
        assertThat(CallsCsv.text("客户 7")).isEqualTo("客户 7");
        assertThat(CallsCsv.quoted("plain")).isEqualTo("plain");
        assertThat(CallsCsv.quoted("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
}
