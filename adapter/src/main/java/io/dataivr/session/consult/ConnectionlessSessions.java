package io.dataivr.session.consult;

import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.ExpiredSessions;
import io.dataivr.session.MenuLevel;
import io.dataivr.session.NoSuchSession;
import io.dataivr.session.SessionEndRecord;
import io.dataivr.session.SessionExpired;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
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
 *
 * <p>Each request on a session must prove it owns it with the session's secret: 32 random bytes
 * issued once by {@link #start} (only their SHA-256 is kept, compared in constant time). No secret
 * is SESSION_SECRET_REQUIRED; a wrong one, or any secret for a session not opened here (a WebSocket
 * session), is SESSION_NOT_FOUND exactly as for an id that never existed, so nothing tells whether
 * another customer's session exists. The secret is never logged.
 */
public class ConnectionlessSessions {

    private static final Logger log = LoggerFactory.getLogger(ConnectionlessSessions.class);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int SECRET_BYTES = 32;
    /** Longer than any secret this class issues (43 characters): compared as a wrong one. */
    private static final int MAX_SECRET_CHARS = 256;
    /** Compared against when the session has no secret here, so an unknown id costs the same. */
    private static final byte[] NO_SECRET = new byte[32];

    private final SessionService sessions;
    private final ExpiredSessions expired;
    private final Duration idleTimeout;
    private final Clock clock;
    private final Map<UUID, Instant> lastUse = new ConcurrentHashMap<>();
    /** The SHA-256 of each session's secret, kept while it is open and while its expiry is remembered. */
    private final Map<UUID, byte[]> secretHashes = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final BiConsumer<UUID, byte[]> kept;

    public ConnectionlessSessions(SessionService sessions, ExpiredSessions expired, Duration idleTimeout,
            Clock clock) {
        this(sessions, expired, idleTimeout, (id, hash) -> { }, clock);
    }

    /**
     * @param kept where the hash of each session's secret is kept (the session store), so a session
     *             restored with its call after a restart still answers its app ({@link #restored})
     */
    public ConnectionlessSessions(SessionService sessions, ExpiredSessions expired, Duration idleTimeout,
            BiConsumer<UUID, byte[]> kept, Clock clock) {
        this.kept = kept;
        this.sessions = sessions;
        this.expired = expired;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /** Opens a session and issues its secret, which only this answer ever shows. */
    public Opened start(ConsultRequest request) {
        SessionService.Started started = sessions.start(request);
        UUID id = started.session().id();
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String encoded = ENCODER.encodeToString(secret);
        byte[] hash = sha256(encoded);
        lastUse.put(id, clock.instant());
        secretHashes.put(id, hash);
        kept.accept(id, hash);
        return new Opened(started.session(), started.level(), encoded);
    }

    /**
     * A session opened here, restored with its call after a restart, with the hash of its secret as
     * stored: its app drives it with the secret it holds, and its idle time starts now.
     */
    public void restored(UUID sessionId, byte[] secretHash) {
        secretHashes.putIfAbsent(sessionId, secretHash.clone());
        lastUse.putIfAbsent(sessionId, clock.instant());
    }

    public MenuLevel level(UUID sessionId, String secret) {
        return used(sessionId, secret, () -> sessions.level(sessionId));
    }

    public ChoiceOutcome choose(UUID sessionId, String secret, String key, List<String> shownPath) {
        return used(sessionId, secret, () -> sessions.choose(sessionId, key, shownPath));
    }

    /** Claim 2: the transport calls this once the content has been sent. */
    public void contentSent(UUID sessionId, ChoiceOutcome.ContentShown content) {
        sessions.contentSent(sessionId, content);
    }

    public MenuLevel back(UUID sessionId, String secret) {
        return used(sessionId, secret, () -> sessions.back(sessionId));
    }

    public void hangUp(UUID sessionId, String secret) {
        used(sessionId, secret, () -> {
            sessions.hangUp(sessionId);
            return null;
        });
    }

    public SessionEndRecord end(UUID sessionId, String secret) {
        owned(sessionId, secret);
        try {
            return used(sessionId, secret, () -> sessions.end(sessionId, "customer"));
        } finally {
            lastUse.remove(sessionId);
            if (!expired.contains(sessionId)) {
                secretHashes.remove(sessionId);
            }
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
        // Secrets of sessions no longer open here: kept only while their expiry is remembered.
        secretHashes.keySet().removeIf(id -> !lastUse.containsKey(id) && !expired.contains(id));
        return ended;
    }

    /** Counts a request on the session as use, expiring it first if it was idle too long. */
    private <T> T used(UUID sessionId, String secret, Supplier<T> action) {
        owned(sessionId, secret);
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

    /**
     * Refuses a request without the session's secret, or with a secret that is not this session's:
     * the latter exactly as an unknown session. The hashes are compared in constant time, and one is
     * computed and compared even for an unknown id.
     */
    private void owned(UUID sessionId, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new SessionSecretRequired();
        }
        byte[] expected = secretHashes.getOrDefault(sessionId, NO_SECRET);
        byte[] presented = sha256(secret.length() > MAX_SECRET_CHARS ? "" : secret);
        if (!MessageDigest.isEqual(expected, presented) || expected == NO_SECRET) {
            throw new NoSuchSession(sessionId);
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

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
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

    /** How many sessions opened here are open now (metrics). */
    public int open() {
        return lastUse.size();
    }

    int secretsKept() {
        return secretHashes.size();
    }

    /** A session opened over REST: its first level and its secret, shown in this answer only. */
    public record Opened(ConsultationSession session, MenuLevel level, String secret) {

        @Override
        public String toString() {
            return "Opened[session=" + session.id() + ", secret=(hidden)]";
        }
    }
}
