package io.dataivr.session.resume;

import io.dataivr.session.ConsultationSession;
import io.dataivr.session.ExpiredSessions;
import io.dataivr.session.MenuLevel;
import io.dataivr.session.NoSuchSession;
import io.dataivr.session.SessionExpired;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.consult.SessionService;
import io.dataivr.session.token.TokenInvalid;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a session alive while its connection is away. Each session gets a resume token
 * ({@code SESSION-ID.SECRET}); a session whose connection dropped waits {@code grace} for a resume,
 * then is ended with reason "expired" (a later resume gets SESSION_EXPIRED). Time comes from the
 * injected clock; {@link #expireOverdue()} is called by a scheduler.
 */
public class SessionResumption {

    private static final Logger log = LoggerFactory.getLogger(SessionResumption.class);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SessionRegistry registry;
    private final SessionService sessions;
    private final Duration grace;
    private final Clock clock;
    private final ExpiredSessions expired;
    private final BiConsumer<UUID, byte[]> kept;
    /** Sessions restored after a restart whose app has not resumed yet. */
    private final Set<UUID> restoredWithoutApp = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();
    private final Map<UUID, byte[]> secretHashes = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> detached = new ConcurrentHashMap<>();

    public SessionResumption(SessionRegistry registry, SessionService sessions, Duration grace, Clock clock) {
        this(registry, sessions, grace, new ExpiredSessions(clock), (id, hash) -> { }, clock);
    }

    public SessionResumption(SessionRegistry registry, SessionService sessions, Duration grace,
            ExpiredSessions expired, Clock clock) {
        this(registry, sessions, grace, expired, (id, hash) -> { }, clock);
    }

    /**
     * @param kept where the hash of each resume secret is kept (the session store), so a session
     *             restored after a restart can still be resumed ({@link #restored})
     */
    public SessionResumption(SessionRegistry registry, SessionService sessions, Duration grace,
            ExpiredSessions expired, BiConsumer<UUID, byte[]> kept, Clock clock) {
        this.kept = kept;
        this.registry = registry;
        this.sessions = sessions;
        this.grace = grace;
        this.expired = expired;
        this.clock = clock;
    }

    /** Issues the resume token of a newly started session (only its hash is kept). */
    public String issue(UUID sessionId) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String encoded = ENCODER.encodeToString(secret);
        byte[] hash = sha256(encoded);
        secretHashes.put(sessionId, hash);
        kept.accept(sessionId, hash);
        return sessionId + "." + encoded;
    }

    /**
     * A session restored after a restart, with the hash of its resume secret as stored (null: none,
     * it cannot be resumed): its app may resume it with the token it was given before the restart.
     */
    public void restored(UUID sessionId, byte[] secretHash) {
        if (secretHash != null) {
            secretHashes.putIfAbsent(sessionId, secretHash.clone());
            restoredWithoutApp.add(sessionId);
        }
    }

    /** The session's connection went away: it now has {@code grace} to come back. */
    public void detached(UUID sessionId) {
        if (registry.find(sessionId).isPresent()) {
            detached.put(sessionId, clock.instant());
            log.info("session {} lost its connection; kept for {}", sessionId, grace);
        }
    }

    /** Resumes the session named by the token; throws TOKEN_INVALID, SESSION_EXPIRED or SESSION_NOT_FOUND. */
    public synchronized Resumed resume(String token) {
        UUID sessionId = sessionOf(token);
        byte[] expected = secretHashes.get(sessionId);
        ConsultationSession session = registry.find(sessionId).orElse(null);
        if (expected == null || session == null) {
            if (expired.contains(sessionId)) {
                throw new SessionExpired(sessionId);
            }
            throw new NoSuchSession(sessionId);
        }
        String secret = token.substring(token.indexOf('.') + 1);
        if (!MessageDigest.isEqual(expected, sha256(secret))) {
            throw new TokenInvalid("the resume token does not match its session");
        }
        detached.remove(sessionId);
        if (restoredWithoutApp.remove(sessionId)) {
            sessions.appReturned(sessionId);
        }
        log.info("session {} resumed", sessionId);
        return new Resumed(session, MenuLevel.of(session.menu(), session.language(), session.path()));
    }

    /** Ends every session that has waited longer than the grace period; returns their ids. */
    public synchronized List<UUID> expireOverdue() {
        Instant cutoff = clock.instant().minus(grace);
        List<UUID> overdue = detached.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(cutoff))
                .map(Map.Entry::getKey)
                .toList();
        for (UUID id : overdue) {
            detached.remove(id);
            expired.remember(id); // before the end, so a resume in between is told SESSION_EXPIRED
            try {
                sessions.end(id, "expired");
            } catch (NoSuchSession e) {
                expired.forget(id);
                log.debug("session {} had already ended", id);
            }
        }
        secretHashes.keySet().removeIf(id -> registry.find(id).isEmpty());
        restoredWithoutApp.removeIf(id -> registry.find(id).isEmpty());
        return overdue;
    }

    public boolean isDetached(UUID sessionId) {
        return detached.containsKey(sessionId);
    }

    private static UUID sessionOf(String token) {
        if (token == null || token.length() > 200) {
            throw new TokenInvalid("the resume token is missing or too long");
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw new TokenInvalid("the resume token is not SESSION.SECRET");
        }
        try {
            return UUID.fromString(token.substring(0, dot));
        } catch (IllegalArgumentException e) {
            throw new TokenInvalid("the resume token does not start with a session id");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public record Resumed(ConsultationSession session, MenuLevel level) {
    }
}
