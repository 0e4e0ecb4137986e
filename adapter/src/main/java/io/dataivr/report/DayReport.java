package io.dataivr.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A day's figures: each queue's ({@link QueueFigures}) and the sessions' ({@link SessionCounts}), read at {@code at}. */
public record DayReport(ReportDay day, List<QueueFigures> queues, SessionCounts sessions, Instant at) {

    public DayReport {
        queues = List.copyOf(queues);
    }

    /** The figures of {@code queues} from the day's calls and sessions. */
    public static DayReport of(ReportDay day, List<String> queues, List<CallRecord> calls, SessionCounts sessions,
            Duration serviceLevel, Instant at) {
        return new DayReport(day, queues.stream().map(q -> QueueFigures.of(q, calls, serviceLevel)).toList(), sessions,
                at);
    }

    public QueueFigures queue(String queue) {
        return queues.stream().filter(f -> f.queue().equals(queue)).findFirst().orElse(QueueFigures.empty(queue));
    }
}
