package io.dataivr.voice;

import io.dataivr.call.ChannelId;
import io.dataivr.call.QueueCallEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callers the gateway follows in its queues, plain Java: their channel names (AMI's Hangup action
 * takes a name), which of them talk to an agent, and when each one's hang-up is told. A talking caller's
 * Hangup is held until app_queue's AgentComplete, which says who hung up: Asterisk may send the caller's
 * Hangup first even when the agent hung up (the queue's events are published on a thread of their own).
 * Without an AgentComplete the hang-up is told once {@link #HOLD} has passed, on the injected timer.
 */
final class QueueCallerTracker {

    private static final Logger log = LoggerFactory.getLogger(QueueCallerTracker.class);

    /** How long a talking caller's hang-up waits for app_queue's AgentComplete (normally a few ms). */
    static final Duration HOLD = Duration.ofSeconds(2);

    /** Runs a task later; the gateway's runs it on its connector thread, a test's when the test says. */
    @FunctionalInterface
    interface HoldTimer {
        /** false when it cannot (stopping): the task is then run by the caller at once. */
        boolean schedule(Duration delay, Runnable task);
    }

    private record Caller(String channel, String queue) {
    }

    private final Map<String, Caller> callers = new ConcurrentHashMap<>();
    private final Set<String> talking = ConcurrentHashMap.newKeySet();
    private final Map<String, Caller> heldHangUps = new ConcurrentHashMap<>();
    private final HoldTimer timer;
    private final Consumer<QueueCallEvent> tell;

    /** {@code tell}: where the callers' hang-ups go (the gateway's dispatch). */
    QueueCallerTracker(HoldTimer timer, Consumer<QueueCallEvent> tell) {
        this.timer = timer;
        this.tell = tell;
    }

    /** QueueCallerJoin: the caller entered a queue on this channel. */
    void joined(String uniqueId, String channel, String queue) {
        callers.put(uniqueId, new Caller(channel, queue));
    }

    /** AgentConnect: the caller talks to an agent. */
    void answered(String uniqueId) {
        talking.add(uniqueId);
    }

    /** AgentComplete: the call is over and the listeners know who hung up; a held hang-up is told now. */
    void completed(String uniqueId) {
        talking.remove(uniqueId);
        release(uniqueId, false);
    }

    /** Hangup of a channel: told at once, or held while the caller was talking (see the class comment). */
    void hungUp(String uniqueId) {
        Caller caller = callers.remove(uniqueId);
        if (caller == null) {
            return;
        }
        if (!talking.contains(uniqueId)) {
            tell.accept(new QueueCallEvent.CallerHungUp(caller.queue(), ChannelId.of(uniqueId)));
            return;
        }
        heldHangUps.put(uniqueId, caller);
        if (!timer.schedule(HOLD, () -> release(uniqueId, true))) {
            release(uniqueId, true);
        }
    }

    /**
     * Tells a talking caller's hang-up held for app_queue's AgentComplete: after it (which already ended
     * the call, so the hang-up only clears what is left), or without it once {@link #HOLD} has passed
     * ({@code late}).
     */
    private void release(String uniqueId, boolean late) {
        Caller caller = heldHangUps.remove(uniqueId);
        if (caller == null) {
            return;
        }
        if (late) {
            talking.remove(uniqueId);
            // Also when this connection's events run late (a burst): the AgentComplete then comes after.
            log.info("call {} hung up and no AgentComplete followed within {} ms: ended as the caller's hang-up",
                    uniqueId, HOLD.toMillis());
        }
        tell.accept(new QueueCallEvent.CallerHungUp(caller.queue(), ChannelId.of(uniqueId)));
    }

    /** The channel name of a caller in a queue, or null when it is not waiting or talking there any more. */
    String channelOf(String uniqueId) {
        Caller caller = callers.get(uniqueId);
        return caller == null ? null : caller.channel();
    }

    /**
     * A caller found waiting or talking in a queue after a (re)connect, or a call that has just taken its
     * voice link ({@code answered} false): it can be hung up like the others, and its Hangup is told as the
     * caller's even if it never joins the queue.
     */
    void know(String uniqueId, String channel, String queue, boolean answered) {
        callers.putIfAbsent(uniqueId, new Caller(channel, queue));
        if (answered) {
            talking.add(uniqueId);
        }
    }

    /** The callers followed now, by Uniqueid (see {@link #forgetGone}). */
    Set<String> followed() {
        Set<String> followed = new HashSet<>(callers.keySet());
        followed.addAll(talking);
        return followed;
    }

    /**
     * Of the callers followed before a read of Asterisk's channels ({@code before}), those it no longer
     * holds ({@code live}: the Uniqueids read) ended while their events were lost: they are forgotten.
     */
    void forgetGone(Set<String> before, Set<String> live) {
        for (String uniqueId : before) {
            if (!live.contains(uniqueId)) {
                callers.remove(uniqueId);
                talking.remove(uniqueId);
            }
        }
    }
}
