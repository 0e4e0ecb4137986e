package io.dataivr.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.fixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DayReportsTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** A store that remembers what it was asked. */
    static final class CountingStore implements CallReportStore {
        final List<ReportDay> asked = new ArrayList<>();
        List<CallRecord> calls = List.of();
        SessionCounts sessions = SessionCounts.NONE;

        @Override
        public synchronized List<CallRecord> calls(ReportDay day) {
            asked.add(day);
            return calls;
        }

        @Override
        public SessionCounts sessions(ReportDay day) {
            return sessions;
        }

        synchronized int reads() {
            return asked.size();
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T15:30:00Z")); // 23:30 in Shanghai
    private final CountingStore store = new CountingStore();
    private final DayReports reports = new DayReports(store,
            new ReportProperties(20, "Asia/Shanghai", Duration.ofMillis(250), Duration.ofSeconds(2)),
            List.of("support", "sales"), clock);

    @Test
    void todayIsTheCalendarDayOfTheConfiguredZone() {
        ReportDay today = reports.today();

        assertThat(today.date()).isEqualTo(LocalDate.parse("2026-12-05"));
        assertThat(today.from()).isEqualTo(Instant.parse("2026-12-04T16:00:00Z"));
        assertThat(today.to()).isEqualTo(Instant.parse("2026-12-05T16:00:00Z"));
        assertThat(today.contains(Instant.parse("2026-12-05T15:59:59Z"))).isTrue();
        assertThat(today.contains(Instant.parse("2026-12-05T16:00:00Z"))).isFalse();

        clock.advance(Duration.ofMinutes(31)); // 00:01 the next day there, still the 5th in UTC
        assertThat(reports.today().date()).isEqualTo(LocalDate.parse("2026-12-06"));
    }

    @Test
    void theFiguresAreReadOnceAndAgainOnlyAfterAChangeOrAtANewDay() {
        store.sessions = new SessionCounts(4, 3, 2);
        DayReport first = reports.current();
        reports.current();
        reports.current();
        assertThat(store.reads()).isEqualTo(1);
        assertThat(first.sessions().containment()).isEqualTo(0.5);
        assertThat(first.queues()).extracting(QueueFigures::queue).containsExactly("support", "sales");

        reports.changed();
        reports.current();
        assertThat(store.reads()).isEqualTo(2);

        clock.advance(Duration.ofHours(1)); // midnight passed in Shanghai
        DayReport tomorrow = reports.current();
        assertThat(store.reads()).isEqualTo(3);
        assertThat(tomorrow.day().date()).isEqualTo(LocalDate.parse("2026-12-06"));
    }

    @Test
    void anEmptyZoneMeansTheSystemZoneAndAnUnknownOneIsRefusedAtStartUp() {
        assertThat(ReportProperties.defaults().zoneId()).isEqualTo(ZoneId.systemDefault());
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                new ReportProperties(20, "Mars/Olympus", Duration.ZERO, Duration.ZERO))
                .isInstanceOf(java.time.DateTimeException.class);
    }

    @Test
    void aDaysReportHasTheFiguresOfEachQueue() {
        store.calls = List.of(QueueFiguresTests.call("support", 0, 4, 60, "completed by caller"),
                QueueFiguresTests.call("sales", 0, 30, 60, "completed by caller"));
        DayReport report = reports.current();

        assertThat(report.queue("support").serviceLevel()).isEqualTo(1.0);
        assertThat(report.queue("sales").serviceLevel()).isEqualTo(0.0);
        assertThat(report.queue("other")).isEqualTo(QueueFigures.empty("other"));
    }
}
