package io.dataivr.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The sessions this adapter ended as expired during the last {@link #RETENTION}, so that a late
 * request on one is told SESSION_EXPIRED rather than SESSION_NOT_FOUND. After that (or on another
 * node, or after a restart) the session is simply not found.
 */
public class ExpiredSessions {

    /** How long an expired session is remembered. */
    public static final Duration RETENTION = Duration.ofHours(1);

    private final Clock clock;
    private final Map<UUID, Instant> expired = new ConcurrentHashMap<>();
    private final Queue<Map.Entry<UUID, Instant>> oldestFirst = new ConcurrentLinkedQueue<>();

    public ExpiredSessions(Clock clock) {
        this.clock = clock;
    }

    public void remember(UUID sessionId) {
        Instant now = clock.instant();
        expired.put(sessionId, now);
        oldestFirst.add(Map.entry(sessionId, now));
    }

    /** The session turned out not to expire after all (it had ended otherwise). */
    public void forget(UUID sessionId) {
        expired.remove(sessionId);
    }

    public boolean contains(UUID sessionId) {
        Instant at = expired.get(sessionId);
        return at != null && clock.instant().isBefore(at.plus(RETENTION));
    }

    /** Drops what is older than the retention; called by the expiry sweeper. */
    public void forgetOld() {
        Instant cutoff = clock.instant().minus(RETENTION);
        for (Map.Entry<UUID, Instant> head = oldestFirst.peek(); head != null && !head.getValue().isAfter(cutoff);
                head = oldestFirst.peek()) {
            oldestFirst.poll();
            expired.remove(head.getKey(), head.getValue());
        }
    }

    /** How many expired sessions are remembered. */
    public int size() {
        return expired.size();
    }
}
