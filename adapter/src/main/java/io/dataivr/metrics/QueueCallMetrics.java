package io.dataivr.metrics;

import io.dataivr.call.ChannelId;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.call.QueueCallListener;
import io.dataivr.call.WaitingCallers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queues' call figures, from the queue call events of this adapter's queues (told in Asterisk's
 * order, behind the FIFO's listeners): calls offered (joined the queue), answered (an agent answered)
 * and abandoned (the caller gave up waiting), how long each waited, how long each talked, and the
 * callers waiting now with the longest wait ({@link WaitingCallers}, as the wallboard sees them). Only
 * calls that joined while this adapter followed the queue are counted (a call already waiting when the
 * adapter started is not), so offered is never below answered plus abandoned; a call that leaves the
 * queue unanswered some other way (the queue's timeout) is offered and neither answered nor abandoned.
 */
public final class QueueCallMetrics implements QueueCallListener {

    /** Followed callers past this many are checked for ones whose end was lost (an AMI outage). */
    static final int PRUNE_ABOVE = 1_000;
    /** A followed caller this old is taken as ended (its hang-up was lost). */
    static final Duration STALE = Duration.ofHours(12);

    /** A call followed from its join to its end: talking from its answer. */
    private record Caller(String queue, Instant joinedAt, Instant answeredAt, boolean abandoned) {
    }

    private final Clock clock;
    private final Map<ChannelId, Caller> callers = new ConcurrentHashMap<>();
    private final WaitingCallers waiting = new WaitingCallers();
    private final Map<String, QueueMeters> meters = new HashMap<>();

    public QueueCallMetrics(MeterRegistry registry, Clock clock, List<String> queues, MetricsProperties buckets) {
        this.clock = clock;
        for (String queue : queues) {
            meters.put(queue, new QueueMeters(registry, queue, buckets));
            Gauge.builder("dataivr.queue.waiting.callers", this, m -> m.waiting(queue)).strongReference(true)
                    .description("Callers waiting in the queue now (joined, not yet answered nor gone)")
                    .tag("queue", queue).register(registry);
            Gauge.builder("dataivr.queue.longest.wait", this, m -> m.longestWait(queue)).strongReference(true)
                    .description("How long the caller waiting longest has waited (0 when nobody waits)")
                    .baseUnit("seconds").tag("queue", queue).register(registry);
        }
    }

    @Override
    public void on(QueueCallEvent event) {
        QueueMeters queue = meters.get(event.queue());
        ChannelId channel = event.callerChannelId();
        if (queue == null || channel == null) {
            return;
        }
        Instant now = clock.instant();
        boolean waitEnded = waiting.on(event, now);
        if (event instanceof QueueCallEvent.CallerJoined) {
            prune(now);
            queue.offered.increment();
            callers.put(channel, new Caller(event.queue(), now, null, false));
            return;
        }
        Caller caller = callers.get(channel);
        if (caller == null || !caller.queue().equals(event.queue())) {
            return;
        }
        if (event instanceof QueueCallEvent.AgentAnswered) {
            if (caller.answeredAt() == null && !caller.abandoned()) {
                queue.answered.increment();
                queue.waitAnswered.record(Duration.between(caller.joinedAt(), now));
                callers.put(channel, new Caller(caller.queue(), caller.joinedAt(), now, false));
            }
        } else if (event instanceof QueueCallEvent.CallerAbandoned) {
            abandoned(queue, channel, caller, now);
        } else if (event instanceof QueueCallEvent.AgentHungUp) {
            ended(queue, channel, caller, now);
        } else if (event instanceof QueueCallEvent.CallerHungUp) {
            if (waitEnded && caller.answeredAt() == null) {
                abandoned(queue, channel, caller, now); // hung up in the queue, its QueueCallerAbandon lost
            }
            ended(queue, channel, callers.get(channel), now);
        }
    }

    private void abandoned(QueueMeters queue, ChannelId channel, Caller caller, Instant now) {
        if (caller.answeredAt() == null && !caller.abandoned()) {
            queue.abandoned.increment();
            queue.waitAbandoned.record(Duration.between(caller.joinedAt(), now));
            callers.put(channel, new Caller(caller.queue(), caller.joinedAt(), null, true));
        }
    }

    /** The call is over: its talk time is recorded if it was answered; it is followed no more. */
    private void ended(QueueMeters queue, ChannelId channel, Caller caller, Instant now) {
        if (caller != null && caller.answeredAt() != null) {
            queue.handle.record(Duration.between(caller.answeredAt(), now));
        }
        callers.remove(channel);
    }

    /** Forgets callers followed for longer than {@link #STALE}: their end was lost, they wait no more. */
    private void prune(Instant now) {
        if (callers.size() > PRUNE_ABOVE) {
            callers.values().removeIf(c -> c.joinedAt().isBefore(now.minus(STALE)));
        }
    }

    int waiting(String queue) {
        return waiting.count(queue);
    }

    double longestWait(String queue) {
        return waiting.longestWaitSeconds(queue, clock.instant());
    }

    /** How many calls are followed (waiting or talking). */
    int followed() {
        return callers.size();
    }

    /** One queue's counters and histograms. */
    private static final class QueueMeters {

        final Counter offered;
        final Counter answered;
        final Counter abandoned;
        final Timer waitAnswered;
        final Timer waitAbandoned;
        final Timer handle;

        QueueMeters(MeterRegistry registry, String queue, MetricsProperties buckets) {
            offered = Counter.builder("dataivr.calls.offered").tag("queue", queue)
                    .description("Calls that joined the queue").register(registry);
            answered = Counter.builder("dataivr.calls.answered").tag("queue", queue)
                    .description("Calls an agent answered").register(registry);
            abandoned = Counter.builder("dataivr.calls.abandoned").tag("queue", queue)
                    .description("Calls whose caller gave up waiting in the queue").register(registry);
            waitAnswered = wait(registry, queue, "answered", buckets.waitBuckets());
            waitAbandoned = wait(registry, queue, "abandoned", buckets.waitBuckets());
            handle = Timer.builder("dataivr.call.handle").tag("queue", queue)
                    .description("Talk time of answered calls: from the agent's answer to the hang-up")
                    .serviceLevelObjectives(buckets.handleBuckets().toArray(Duration[]::new)).register(registry);
        }

        private static Timer wait(MeterRegistry registry, String queue, String outcome, List<Duration> buckets) {
            return Timer.builder("dataivr.call.wait").tags("queue", queue, "outcome", outcome)
                    .description("Time in the queue: from joining to an agent's answer (outcome answered) or to "
                            + "the caller giving up (outcome abandoned)")
                    .serviceLevelObjectives(buckets.toArray(Duration[]::new)).register(registry);
        }
    }
}
