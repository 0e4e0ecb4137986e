package io.dataivr.session.call;

import io.dataivr.call.ChannelId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Who waits in which queue, in order (every caller, not only DataIVR's, since all count for the
 * position), and how long calls take, to estimate a waiting customer's wait. Plain Java; the
 * caller ({@link VoiceCallService}) serialises access.
 *
 * <p>Estimate: position × average handling time ÷ agents serving the queue, where the average is a
 * moving average of the queue's recent talk times (starting at {@link #DEFAULT_HANDLING}). Unknown
 * (empty) when no agent serves the queue.
 */
final class QueueWaitTracker {

    static final Duration DEFAULT_HANDLING = Duration.ofSeconds(60);
    private static final double WEIGHT_OF_NEWEST = 0.2;
    private static final int MAX_WAITING_PER_QUEUE = 10_000;

    private final Map<String, List<ChannelId>> waiting = new HashMap<>();
    private final Map<String, Double> handlingSeconds = new HashMap<>();
    private final Map<ChannelId, Instant> talkStarted = new HashMap<>();

    void joined(String queue, ChannelId callerChannelId, int position) {
        List<ChannelId> line = waiting.computeIfAbsent(queue, q -> new ArrayList<>());
        line.remove(callerChannelId);
        if (line.size() >= MAX_WAITING_PER_QUEUE) {
            line.remove(0);
        }
        int index = position <= 0 ? line.size() : Math.min(position - 1, line.size());
        line.add(index, callerChannelId);
    }

    void left(String queue, ChannelId callerChannelId) {
        List<ChannelId> line = waiting.get(queue);
        if (line != null) {
            line.remove(callerChannelId);
        }
    }

    /** Every caller waiting in any queue. */
    Set<ChannelId> allWaiting() {
        Set<ChannelId> all = new HashSet<>();
        waiting.values().forEach(all::addAll);
        return all;
    }

    /** The caller is gone unseen (its events were lost): out of every line; returns the queues it waited in. */
    List<String> forget(ChannelId callerChannelId) {
        talkStarted.remove(callerChannelId);
        List<String> queues = new ArrayList<>();
        waiting.forEach((queue, line) -> {
            if (line.remove(callerChannelId)) {
                queues.add(queue);
            }
        });
        return queues;
    }

    /** 1 for the head of the queue; empty when the caller does not wait in it. */
    OptionalInt position(String queue, ChannelId callerChannelId) {
        int index = waiting.getOrDefault(queue, List.of()).indexOf(callerChannelId);
        return index < 0 ? OptionalInt.empty() : OptionalInt.of(index + 1);
    }

    List<ChannelId> waitingIn(String queue) {
        return List.copyOf(waiting.getOrDefault(queue, List.of()));
    }

    void talkStarted(ChannelId callerChannelId, Instant at) {
        talkStarted.put(callerChannelId, at);
    }

    void talkEnded(String queue, ChannelId callerChannelId, Instant at) {
        Instant started = talkStarted.remove(callerChannelId);
        if (started == null) {
            return;
        }
        double seconds = Math.max(0, Duration.between(started, at).toMillis() / 1000.0);
        handlingSeconds.merge(queue, seconds,
                (old, newest) -> old * (1 - WEIGHT_OF_NEWEST) + newest * WEIGHT_OF_NEWEST);
    }

    /** Seconds a caller at {@code position} may still wait, or null when nobody serves the queue. */
    Integer estimatedWaitSeconds(String queue, int position, int servingAgents) {
        if (servingAgents <= 0 || position <= 0) {
            return null;
        }
        double handling = handlingSeconds.getOrDefault(queue, (double) DEFAULT_HANDLING.toSeconds());
        return (int) Math.ceil(position * handling / servingAgents);
    }
}
