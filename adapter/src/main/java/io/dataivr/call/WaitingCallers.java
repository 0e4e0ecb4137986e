package io.dataivr.call;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who waits in which queue now and since when, in the order they joined, from the queue call events
 * (the metrics' gauges and the wallboard read it; each keeps its own). A caller waits from its
 * {@link QueueCallEvent.CallerJoined} until an agent answers it or it leaves the queue, gives up or
 * hangs up. Callers that joined while no events were followed (before the adapter started, during an AMI
 * outage) are known from their {@link QueueCallEvent.CallerFound}, read from Asterisk at the (re)connect.
 * Thread-safe.
 */
public final class WaitingCallers {

    /** Waiting callers past this many are checked for ones whose end was lost (an AMI outage). */
    static final int PRUNE_ABOVE = 1_000;
    /** A caller waiting this long is taken as gone (its end was lost). */
    static final Duration STALE = Duration.ofHours(12);

    /** One waiting caller: its channel and when it joined the queue. */
    public record Waiting(ChannelId channel, Instant since) {
    }

    private final Map<String, LinkedHashMap<ChannelId, Instant>> byQueue = new HashMap<>();
    private int count;

    /**
     * Follows {@code event}, seen at {@code now}: returns true when the queue's waiting callers changed.
     */
    public synchronized boolean on(QueueCallEvent event, Instant now) {
        ChannelId channel = event.callerChannelId();
        if (channel == null) {
            return false;
        }
        if (event instanceof QueueCallEvent.CallerJoined) {
            prune(now);
            Instant before = byQueue.computeIfAbsent(event.queue(), q -> new LinkedHashMap<>()).put(channel, now);
            if (before == null) {
                count++;
            }
            return true;
        }
        if (event instanceof QueueCallEvent.CallerFound caller) {
            return found(caller.queue(), channel, caller.since());
        }
        if (event instanceof QueueCallEvent.AgentAnswered || event instanceof QueueCallEvent.CallerLeft
                || event instanceof QueueCallEvent.CallerAbandoned || event instanceof QueueCallEvent.CallerHungUp) {
            return remove(event.queue(), channel);
        }
        return false;
    }

    /**
     * A caller found waiting: added at its place by the time it joined, unless it is known already (its
     * join was seen: that time is kept). True when it was not known.
     */
    private boolean found(String queue, ChannelId channel, Instant since) {
        LinkedHashMap<ChannelId, Instant> line = byQueue.computeIfAbsent(queue, q -> new LinkedHashMap<>());
        if (line.containsKey(channel)) {
            return false;
        }
        List<Map.Entry<ChannelId, Instant>> ordered = new ArrayList<>(line.size() + 1);
        line.forEach((known, joined) -> ordered.add(Map.entry(known, joined)));
        ordered.add(Map.entry(channel, since));
        ordered.sort(Map.Entry.comparingByValue()); // stable: callers joined in the same instant keep their order
        line.clear();
        ordered.forEach(e -> line.put(e.getKey(), e.getValue()));
        count++;
        return true;
    }

    /** The caller is gone unseen (e.g. not among Asterisk's channels after an outage). */
    public synchronized boolean forget(ChannelId channel) {
        boolean removed = false;
        for (String queue : List.copyOf(byQueue.keySet())) {
            removed |= remove(queue, channel);
        }
        return removed;
    }

    /**
     * Forgets the callers that joined before {@code asOf} and are not among {@code present} (Asterisk's
     * channels read at {@code asOf}): their end was lost, e.g. during an AMI outage. Returns true when some
     * were forgotten.
     */
    public synchronized boolean forgetAbsent(Set<ChannelId> present, Instant asOf) {
        boolean removed = false;
        for (Map<ChannelId, Instant> line : byQueue.values()) {
            int before = line.size();
            line.entrySet().removeIf(e -> e.getValue().isBefore(asOf) && !present.contains(e.getKey()));
            count -= before - line.size();
            removed |= before != line.size();
        }
        return removed;
    }

    private boolean remove(String queue, ChannelId channel) {
        Map<ChannelId, Instant> line = byQueue.get(queue);
        if (line != null && line.remove(channel) != null) {
            count--;
            return true;
        }
        return false;
    }

    /** The callers waiting in {@code queue}, first joined first. */
    public synchronized List<Waiting> in(String queue) {
        Map<ChannelId, Instant> line = byQueue.get(queue);
        if (line == null) {
            return List.of();
        }
        List<Waiting> waiting = new ArrayList<>(line.size());
        line.forEach((channel, since) -> waiting.add(new Waiting(channel, since)));
        return waiting;
    }

    public synchronized int count(String queue) {
        Map<ChannelId, Instant> line = byQueue.get(queue);
        return line == null ? 0 : line.size();
    }

    /** Since when the caller waiting longest in {@code queue} waits; null when nobody waits. */
    public synchronized Instant longestSince(String queue) {
        Map<ChannelId, Instant> line = byQueue.get(queue);
        return line == null ? null : line.values().stream().min(Instant::compareTo).orElse(null);
    }

    /** How long the caller waiting longest in {@code queue} has waited at {@code now}, in seconds (0: nobody). */
    public double longestWaitSeconds(String queue, Instant now) {
        Instant since = longestSince(queue);
        return since == null ? 0.0 : Math.max(0, Duration.between(since, now).toMillis() / 1000.0);
    }

    /** Every waiting caller of every queue. */
    public synchronized int count() {
        return count;
    }

    private void prune(Instant now) {
        if (count > PRUNE_ABOVE) {
            Instant oldest = now.minus(STALE);
            for (Map<ChannelId, Instant> line : byQueue.values()) {
                int before = line.size();
                line.values().removeIf(since -> since.isBefore(oldest));
                count -= before - line.size();
            }
        }
    }
}
