package io.dataivr.report;

import java.time.Duration;
import java.util.List;

/**
 * One queue's figures for a day, from its calls' records ({@link CallRecord}):
 *
 * <ul>
 *   <li>{@code offered}: calls that were requested and not cancelled before they reached Asterisk;</li>
 *   <li>{@code answered}: calls an agent answered; {@code abandoned}: calls whose customer gave up or hung up
 *       before an answer;</li>
 *   <li>{@code averageWait}: over answered calls, from the request to the answer (null: none answered);
 *       {@code longestWait}: over answered and ended unanswered calls (null: none);</li>
 *   <li>{@code averageHandle}: over answered calls that ended, from the answer to the end (null: none);</li>
 *   <li>{@code serviceLevel}: calls answered within the threshold ÷ settled calls (answered, or ended without
 *       an answer), 0 to 1; null when no call is settled yet.</li>
 * </ul>
 */
public record QueueFigures(String queue, int offered, int answered, int abandoned, Duration averageWait,
        Duration longestWait, Duration averageHandle, Double serviceLevel) {

    public static QueueFigures empty(String queue) {
        return new QueueFigures(queue, 0, 0, 0, null, null, null, null);
    }

    /** The figures of {@code queue} from {@code calls} (the day's calls; other queues' are left out). */
    public static QueueFigures of(String queue, List<CallRecord> calls, Duration serviceLevel) {
        int offered = 0;
        int answered = 0;
        int abandoned = 0;
        int settled = 0;
        int withinLevel = 0;
        long waitAnsweredMillis = 0;
        long handleMillis = 0;
        int handled = 0;
        Duration longest = null;
        for (CallRecord call : calls) {
            if (!queue.equals(call.queue()) || call.cancelled()) {
                continue;
            }
            offered++;
            Duration waited = call.waited();
            if (waited != null && (longest == null || waited.compareTo(longest) > 0)) {
                longest = waited;
            }
            if (call.settled()) {
                settled++;
            }
            if (call.answered()) {
                answered++;
                waitAnsweredMillis += waited.toMillis();
                if (waited.compareTo(serviceLevel) <= 0) {
                    withinLevel++;
                }
                Duration handle = call.handled();
                if (handle != null) {
                    handled++;
                    handleMillis += handle.toMillis();
                }
            } else if (call.abandoned()) {
                abandoned++;
            }
        }
        return new QueueFigures(queue, offered, answered, abandoned,
                answered == 0 ? null : Duration.ofMillis(waitAnsweredMillis / answered), longest,
                handled == 0 ? null : Duration.ofMillis(handleMillis / handled),
                settled == 0 ? null : (double) withinLevel / settled);
    }
}
