package io.dataivr.session.device;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each device gets its own SIP account (item 3 of issue 4), at the session's first voice request,
 * reused for its later ones, revoked when the session ends or the account expires. Accounts are
 * provisioned ahead into a small pool ({@code dataivr.sip.pool-size}, refilled in the background)
 * so that first request only takes one: no database write while the app waits. A pooled account
 * belongs to no session until it is taken, is taken by one session only and never goes back.
 */
public class DeviceAccountService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeviceAccountService.class);
    private static final char[] NAME_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final char[] SECRET_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final SipAccountStore store;
    private final SipAccountCache cache;
    private final SipProperties properties;
    private final Clock clock;
    private final Executor background;
    private final SecureRandom random = new SecureRandom();
    private final Map<UUID, SipAccount> bySession = new ConcurrentHashMap<>();
    /** Sessions whose device is not a SIP app (a browser): their accounts are of that kind. */
    private final Map<UUID, DeviceKind> kinds = new ConcurrentHashMap<>();
    /** Provisioned, no session's yet; oldest first. */
    private final Deque<SipAccount> pool = new ConcurrentLinkedDeque<>();
    private final AtomicBoolean refillQueued = new AtomicBoolean();

    /** Refills the pool on the caller's thread (unit tests). */
    public DeviceAccountService(SipAccountStore store, SipProperties properties, Clock clock) {
        this(store, properties, clock, Runnable::run);
    }

    /** @param background runs the pool's refills, one at a time, off the voice request's path */
    public DeviceAccountService(SipAccountStore store, SipProperties properties, Clock clock, Executor background) {
        this(store, SipAccountCache.NONE, properties, clock, background);
    }

    /** @param cache Asterisk's copies of the accounts, dropped with each revocation */
    public DeviceAccountService(SipAccountStore store, SipAccountCache cache, SipProperties properties, Clock clock,
            Executor background) {
        this.store = store;
        this.cache = cache;
        this.properties = properties;
        this.clock = clock;
        this.background = background;
    }

    /**
     * The session's device is a {@code kind} phone (said at consult; SIP when never said): its
     * account, when it gets one, is of that kind.
     */
    public void deviceOf(UUID sessionId, DeviceKind kind) {
        if (kind == DeviceKind.SIP) {
            kinds.remove(sessionId);
        } else {
            kinds.put(sessionId, kind);
        }
    }

    /** The kind of phone the session's device has. */
    public DeviceKind kindOf(UUID sessionId) {
        return kinds.getOrDefault(sessionId, DeviceKind.SIP);
    }

    /**
     * The session's live account: taken from the pool (or provisioned now) if it has none or its old one
     * expired. A browser's (WebRTC) account is provisioned now: the pool holds SIP apps' accounts.
     */
    public SipAccount accountFor(UUID sessionId) {
        DeviceKind kind = kindOf(sessionId);
        SipAccount account = bySession.compute(sessionId, (id, current) -> {
            Instant now = clock.instant();
            if (current != null && current.expiresAt().isAfter(now) && current.kind() == kind) {
                return current;
            }
            Instant until = now.plus(properties.accountLifetime());
            if (kind != DeviceKind.SIP) {
                SipAccount fresh = newAccount(until, kind);
                store.provision(fresh, id, now);
                log.info("session {}: {} SIP account {} provisioned", id, kind.wire(), fresh.username());
                return fresh;
            }
            SipAccount pooled = takePooled(now);
            if (pooled != null) {
                SipAccount assigned = pooled.expiringAt(until);
                store.assign(assigned.username(), id, now, until);
                log.info("session {}: SIP account {} taken from the pool", id, assigned.username());
                return assigned;
            }
            SipAccount fresh = newAccount(until, DeviceKind.SIP);
            store.provision(fresh, id, now);
            log.info("session {}: SIP account {} provisioned", id, fresh.username());
            return fresh;
        });
        refillSoon();
        return account;
    }

    /** The oldest pooled account with more than half its pool life left; older ones are retired. */
    private SipAccount takePooled(Instant now) {
        for (SipAccount pooled = pool.pollFirst(); pooled != null; pooled = pool.pollFirst()) {
            if (freshEnough(pooled, now)) {
                return pooled;
            }
            retire(pooled, now);
        }
        return null;
    }

    /** A pooled account is handed out only while more than half its pool life is left. */
    private boolean freshEnough(SipAccount pooled, Instant now) {
        return pooled.expiresAt().isAfter(now.plus(properties.poolLifetime().dividedBy(2)));
    }

    private void refillSoon() {
        if (properties.poolSize() > 0 && pool.size() < properties.poolSize() && refillQueued.compareAndSet(false, true)) {
            background.execute(() -> {
                refillQueued.set(false); // a request taking an account meanwhile queues the next refill
                refillPool();
            });
        }
    }

    /**
     * Replaces pooled accounts past half their pool life and tops the pool up to its size, in one
     * database write. Runs in the background (and on every sweep, which retries a failed refill).
     */
    public void refillPool() {
        if (properties.poolSize() <= 0) {
            return;
        }
        try {
            Instant now = clock.instant();
            for (SipAccount pooled : pool) {
                if (!freshEnough(pooled, now) && pool.remove(pooled)) {
                    retire(pooled, now);
                }
            }
            int missing = properties.poolSize() - pool.size();
            if (missing <= 0) {
                return;
            }
            List<SipAccount> fresh = new ArrayList<>(missing);
            for (int i = 0; i < missing; i++) {
                fresh.add(newAccount(now.plus(properties.poolLifetime()), DeviceKind.SIP));
            }
            store.provisionUnassigned(fresh, now);
            pool.addAll(fresh);
            log.debug("SIP account pool: {} provisioned, {} ready", missing, pool.size());
        } catch (RuntimeException e) {
            log.warn("refilling the SIP account pool failed (retried at the next sweep): {}", e.toString());
        }
    }

    private void retire(SipAccount pooled, Instant now) {
        // Rare (an idle pool past half its life): the request that found it may wait for this once.
        if (store.revoke(pooled.username(), "pool-retired", now)) { // never handed out: nothing cached it
            log.debug("pooled SIP account {} retired", pooled.username());
        }
    }

    /** How many provisioned accounts wait in the pool. */
    public int pooled() {
        return pool.size();
    }

    public Optional<SipAccount> liveAccountOf(UUID sessionId) {
        return Optional.ofNullable(bySession.get(sessionId));
    }

    /** The open session whose live device account is {@code username}, if any. */
    public Optional<UUID> sessionOf(String username) {
        if (username == null || !username.startsWith(properties.usernamePrefix())) {
            return Optional.empty();
        }
        return bySession.entrySet().stream().filter(e -> e.getValue().username().equals(username))
                .map(Map.Entry::getKey).findFirst();
    }

    /**
     * Whether a call from {@code endpoint} may use a voice request of {@code sessionId}: from memory
     * (the FastAGI path waits on no database). An account leaves this map before it is revoked.
     */
    public boolean mayCall(String endpoint, UUID sessionId) {
        if (endpoint == null || !endpoint.startsWith(properties.usernamePrefix())) {
            return true; // a static account from pjsip.conf (demo and test phones), not a device account
        }
        SipAccount account = bySession.get(sessionId);
        return account != null && account.username().equals(endpoint) && account.expiresAt().isAfter(clock.instant());
    }

    /** The session ended: its device can no longer register or call. */
    public void revoke(UUID sessionId, String reason) {
        kinds.remove(sessionId);
        SipAccount account = bySession.remove(sessionId);
        if (account != null && revokeNow(account.username(), reason, clock.instant())) {
            log.info("session {}: SIP account {} revoked ({})", sessionId, account.username(), reason);
        }
    }

    /** Revokes every account past its expiry (a session's, or a pooled one nobody took); returns how many. */
    public int revokeExpired() {
        Instant now = clock.instant();
        int revoked = 0;
        for (String username : store.expiredAt(now)) {
            if (bySession.values().stream().anyMatch(a -> a.username().equals(username) && a.expiresAt().isAfter(now))) {
                continue; // just taken from the pool: its new expiry is on its way to the database
            }
            bySession.values().removeIf(a -> a.username().equals(username));
            pool.removeIf(a -> a.username().equals(username));
            if (revokeNow(username, "expired", now)) {
                log.info("SIP account {} revoked (expired)", username);
                revoked++;
            }
        }
        return revoked;
    }

    /** The adapter stops: the accounts still in the pool are revoked (a session's stay until it ends or expires). */
    @Override
    public void close() {
        Instant now = clock.instant();
        try {
            for (SipAccount pooled = pool.pollFirst(); pooled != null; pooled = pool.pollFirst()) {
                store.revoke(pooled.username(), "pool-closed", now); // never handed out
            }
        } catch (RuntimeException e) {
            log.warn("revoking the SIP account pool failed (it expires by itself): {}", e.toString());
        }
    }

    /**
     * Deletes the account's rows, then Asterisk's copies of them (a device that used the account had its
     * objects cached): the device is refused at its next request.
     */
    private boolean revokeNow(String username, String reason, Instant now) {
        boolean revoked = store.revoke(username, reason, now);
        cache.evict(username);
        return revoked;
    }

    private SipAccount newAccount(Instant expiresAt, DeviceKind kind) {
        return new SipAccount(properties.usernamePrefix() + randomText(NAME_ALPHABET, 16),
                randomText(SECRET_ALPHABET, 24), properties.domain(), properties.registrar(), expiresAt, kind,
                kind == DeviceKind.WEBRTC ? properties.websocketUrl() : null);
    }

    private String randomText(char[] alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }
}
