package io.dataivr.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consultation use cases for clients without a connection (the IP channel's REST equivalents).
 * Such a session has no connection whose loss would start a resume grace period, so each request
 * counts as the client being there: a session opened here that gets no request for
 * {@code idleTimeout} ends with reason "expired" exactly as an unresumed WebSocket session does (end
 * record stored, device SIP account revoked, a call in progress hung up). A request on it afterwards
 * gets SESSION_EXPIRED. Time comes from the injected clock; {@link #expireIdle()} is called by the
 * expiry sweeper, and a request that finds its session overdue expires it at once.
 */
public class ConnectionlessSessions {

    private static final Logger log = LoggerFactory.getLogger(ConnectionlessSessions.class);

    private final SessionService sessions;
    private final ExpiredSessions expired;
    private final Duration idleTimeout;
    private final Clock clock;
    private final Map<UUID, Instant> lastUse = new ConcurrentHashMap<>();

    public ConnectionlessSessions(SessionService sessions, ExpiredSessions expired, Duration idleTimeout,
            Clock clock) {
        this.sessions = sessions;
        this.expired = expired;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    public SessionService.Started start(ConsultRequest request) {
        SessionService.Started started = sessions.start(request);
        lastUse.put(started.session().id(), clock.instant());
        return started;
    }

    public MenuLevel level(UUID sessionId) {
        return used(sessionId, () -> sessions.level(sessionId));
    }

    public ChoiceOutcome choose(UUID sessionId, String key, List<String> shownPath) {
        return used(sessionId, () -> sessions.choose(sessionId, key, shownPath));
    }

    /** Claim 2: the transport calls this once the content has been sent. */
    public void contentSent(UUID sessionId, ChoiceOutcome.ContentShown content) {
        sessions.contentSent(sessionId, content);
    }

    public MenuLevel back(UUID sessionId) {
        return used(sessionId, () -> sessions.back(sessionId));
    }

    public void hangUp(UUID sessionId) {
        used(sessionId, () -> {
            sessions.hangUp(sessionId);
            return null;
        });
    }

    public SessionEndRecord end(UUID sessionId) {
        try {
            return used(sessionId, () -> sessions.end(sessionId, "customer"));
        } finally {
            lastUse.remove(sessionId);
        }
    }

    public String demoToken(String customer) {
        return sessions.demoToken(customer);
    }

    /** Ends every session opened here that has had no request for the idle timeout; returns their ids. */
    public List<UUID> expireIdle() {
        return expireIdleAsOf(clock.instant());
    }

    /** {@link #expireIdle()} as if the clock read {@code now} (integration tests move time this way). */
    List<UUID> expireIdleAsOf(Instant now) {
        List<UUID> ended = new ArrayList<>();
        for (Map.Entry<UUID, Instant> entry : lastUse.entrySet()) {
            if (overdue(entry.getValue(), now) && lastUse.remove(entry.getKey(), entry.getValue())
                    && expire(entry.getKey())) {
                ended.add(entry.getKey());
            }
        }
        return ended;
    }

    /** Counts a request on the session as use, expiring it first if it was idle too long. */
    private <T> T used(UUID sessionId, Supplier<T> action) {
        touch(sessionId);
        try {
            return action.get();
        } catch (NoSuchSession e) {
            if (expired.contains(sessionId)) {
                throw new SessionExpired(sessionId);
            }
            throw e;
        }
    }

    private void touch(UUID sessionId) {
        if (expired.contains(sessionId)) {
            throw new SessionExpired(sessionId);
        }
        Instant now = clock.instant();
        while (true) {
            Instant last = lastUse.get(sessionId);
            if (last == null) {
                return; // not opened here (or already ended): the session service decides
            }
            if (overdue(last, now)) {
                if (lastUse.remove(sessionId, last)) {
                    if (expire(sessionId)) {
                        throw new SessionExpired(sessionId);
                    }
                    throw new NoSuchSession(sessionId);
                }
            } else if (lastUse.replace(sessionId, last, now)) {
                return;
            }
        }
    }

    private boolean overdue(Instant lastUsed, Instant now) {
        return !now.isBefore(lastUsed.plus(idleTimeout));
    }

    /** Ends the session as expired (remembered first, so no request in between sees it as unknown). */
    private boolean expire(UUID sessionId) {
        expired.remember(sessionId);
        try {
            sessions.end(sessionId, "expired");
            log.info("session {} had no request for {}: expired", sessionId, idleTimeout);
            return true;
        } catch (NoSuchSession e) {
            expired.forget(sessionId);
            log.debug("session {} had already ended", sessionId);
            return false;
        }
    }

    int tracked() {
        return lastUse.size();
    }
}
