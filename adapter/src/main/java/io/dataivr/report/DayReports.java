package io.dataivr.report;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Today's figures, read from the store when something changed them (a call, a session's end) and kept until
 * the next change; and any day's calls, for the CSV export.
 */
public final class DayReports {

    private final CallReportStore store;
    private final ReportProperties properties;
    private final List<String> queues;
    private final Clock clock;
    private volatile boolean stale = true;
    private DayReport current;

    public DayReports(CallReportStore store, ReportProperties properties, List<String> queues, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.queues = List.copyOf(queues);
        this.clock = clock;
    }

    public ReportDay today() {
        return ReportDay.today(clock, properties.zoneId());
    }

    public ReportDay day(LocalDate date) {
        return ReportDay.of(date, properties.zoneId());
    }

    /** The calls of {@code day}, oldest first. */
    public List<CallRecord> calls(ReportDay day) {
        return store.calls(day);
    }

    /** Something changed today's figures: the next {@link #current()} reads them again. */
    void changed() {
        stale = true;
    }

    boolean stale() {
        return stale || current == null || !current.day().equals(today());
    }

    /** Today's figures, read again if they changed (or the day did) since they were read. */
    public synchronized DayReport current() {
        return stale() ? read() : current;
    }

    /** Today's figures as last read (read now if never), without going to the store for a change. */
    synchronized DayReport cached() {
        return current == null || !current.day().equals(today()) ? read() : current;
    }

    private DayReport read() {
        stale = false;
        ReportDay day = today();
        current = DayReport.of(day, queues, store.calls(day), store.sessions(day), properties.serviceLevel(),
                clock.instant());
        return current;
    }
}
