package io.dataivr.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** One calendar day in the report's time zone, as the instants it spans: {@code from} inclusive, {@code to} not. */
public record ReportDay(LocalDate date, ZoneId zone, Instant from, Instant to) {

    public static ReportDay of(LocalDate date, ZoneId zone) {
        return new ReportDay(date, zone, date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** The day {@code clock} is in, in {@code zone}. */
    public static ReportDay today(Clock clock, ZoneId zone) {
        return of(LocalDate.ofInstant(clock.instant(), zone), zone);
    }

    public boolean contains(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
