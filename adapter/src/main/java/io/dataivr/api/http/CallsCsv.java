package io.dataivr.api.http;

import io.dataivr.report.CallRecord;
import io.dataivr.report.ReportDay;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The day's calls as CSV (RFC 4180: comma-separated, CRLF line ends, a field with a comma, quote or line break
 * in double quotes with its quotes doubled), one row per voice call. Text that a spreadsheet would run as a
 * formula (starting with {@code = + - @}, a tab or a carriage return) is prefixed with {@code '}. Times are
 * ISO-8601 in the report's zone, to the second.
 */
final class CallsCsv {

    /** {@code disposition}, {@code disposition_note}: what the agent recorded after the call (the console). */
    static final List<String> COLUMNS = List.of("call_id", "session_id", "client_ref", "queue", "origin",
            "requested_at", "ringing_at", "answered_at", "ended_at", "wait_seconds", "handle_seconds", "agent",
            "outcome", "disposition", "disposition_note");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private CallsCsv() {
    }

    static String of(ReportDay day, List<CallRecord> calls) {
        StringBuilder csv = new StringBuilder(128 * (calls.size() + 1));
        line(csv, COLUMNS);
        ZoneId zone = day.zone();
        for (CallRecord c : calls) {
            line(csv, List.of(text(c.id()), text(c.sessionId() == null ? null : c.sessionId().toString()),
                    text(c.clientRef()), text(c.queue()), c.origin().name().toLowerCase(Locale.ROOT),
                    time(c.requestedAt(), zone), time(c.ringingAt(), zone), time(c.answeredAt(), zone),
                    time(c.endedAt(), zone), seconds(c.waited()), seconds(c.handled()), text(c.agent()),
                    text(c.outcome()), text(c.disposition()), text(c.dispositionNote())));
        }
        return csv.toString();
    }

    static String filename(ReportDay day) {
        return "dataivr-calls-" + day.date() + ".csv";
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quoted(fields.get(i)));
        }
        csv.append("\r\n");
    }

    /** A text field made safe for spreadsheets: a leading formula character is neutralised. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static String time(Instant at, ZoneId zone) {
        return at == null ? "" : TIME.format(at.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    private static String seconds(Duration duration) {
        return duration == null ? "" : Long.toString(Math.round(duration.toMillis() / 1000.0));
    }
}
