package io.dataivr.report;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The wallboard's and the reports' settings (keys commented in application.yml, {@code dataivr.report}).
 *
 * @param serviceLevelSeconds a call answered within this many seconds of its request counts for the service level
 * @param zone                the time zone whose calendar day is "today" (and a CSV's {@code date}); blank: the
 *                            system's
 * @param pushInterval        at most one wallboard frame per this interval: changes in between are coalesced
 * @param figuresInterval     today's figures are read from the database at most once per this interval, after a
 *                            call or a session changed them (never on a timer)
 */
@Validated
@ConfigurationProperties("dataivr.report")
public record ReportProperties(@Min(1) @Max(3600) int serviceLevelSeconds, String zone, @NotNull Duration pushInterval,
        @NotNull Duration figuresInterval) {

    public ReportProperties {
        if (zone != null && !zone.isBlank()) {
            ZoneId.of(zone.strip()); // refuses an unknown zone at start-up
        }
        if (pushInterval != null && pushInterval.isNegative()) {
            throw new IllegalArgumentException("dataivr.report.push-interval must not be negative");
        }
        if (figuresInterval != null && figuresInterval.isNegative()) {
            throw new IllegalArgumentException("dataivr.report.figures-interval must not be negative");
        }
    }

    /** The defaults of application.yml (unit tests). */
    public static ReportProperties defaults() {
        return new ReportProperties(20, "", Duration.ofMillis(250), Duration.ofSeconds(2));
    }

    public ZoneId zoneId() {
        return zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone.strip());
    }

    public Duration serviceLevel() {
        return Duration.ofSeconds(serviceLevelSeconds);
    }
}
