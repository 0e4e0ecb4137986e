package io.dataivr.metrics;

import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The histograms' buckets of {@code /actuator/prometheus} (keys commented in application.yml). Each
 * bucket is a count of calls at or under that duration, so a service level ("answered within 20 s")
 * is exact only for a duration that is a bucket: keep {@code dataivr.report.service-level-seconds} among
 * {@code wait-buckets}.
 *
 * @param waitBuckets   buckets of {@code dataivr_call_wait_seconds} (join to answer, or to giving up)
 * @param handleBuckets buckets of {@code dataivr_call_handle_seconds} (answer to hang-up)
 */
@Validated
@ConfigurationProperties("dataivr.metrics")
public record MetricsProperties(@NotEmpty List<Duration> waitBuckets, @NotEmpty List<Duration> handleBuckets) {

    public MetricsProperties {
        waitBuckets = List.copyOf(waitBuckets);
        handleBuckets = List.copyOf(handleBuckets);
    }

    /** The defaults of application.yml (unit tests). */
    public static MetricsProperties defaults() {
        return new MetricsProperties(seconds(5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600),
                seconds(30, 60, 120, 180, 300, 450, 600, 900, 1200, 1800, 3600));
    }

    private static List<Duration> seconds(long... values) {
        return java.util.Arrays.stream(values).mapToObj(Duration::ofSeconds).toList();
    }
}
