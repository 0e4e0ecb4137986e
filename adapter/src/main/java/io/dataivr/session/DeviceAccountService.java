package io.dataivr.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each device gets its own SIP account (item 3 of issue 4): provisioned at the session's first
 * voice request, reused for its later ones, revoked when the session ends or the account expires.
 */
public class DeviceAccountService {

    private static final Logger log = LoggerFactory.getLogger(DeviceAccountService.class);
    private static final char[] NAME_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final char[] SECRET_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final SipAccountStore store;
    private final SipProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<UUID, SipAccount> bySession = new ConcurrentHashMap<>();

    public DeviceAccountService(SipAccountStore store, SipProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** The session's live account, provisioned now if it has none (or its old one expired). */
    public SipAccount accountFor(UUID sessionId) {
        return bySession.compute(sessionId, (id, current) -> {
            Instant now = clock.instant();
            if (current != null && current.expiresAt().isAfter(now)) {
                return current;
            }
            SipAccount fresh = new SipAccount(properties.usernamePrefix() + randomText(NAME_ALPHABET, 16),
                    randomText(SECRET_ALPHABET, 24), properties.domain(), properties.registrar(),
                    now.plus(properties.accountLifetime()));
            store.provision(fresh, id, now);
            log.info("session {}: SIP account {} provisioned", id, fresh.username());
            return fresh;
        });
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

    /** Whether a call from {@code endpoint} may use a voice request of {@code sessionId}. */
    public boolean mayCall(String endpoint, UUID sessionId) {
        if (endpoint == null || !endpoint.startsWith(properties.usernamePrefix())) {
            return true; // a static account from pjsip.conf (demo and test phones), not a device account
        }
        SipAccount account = bySession.get(sessionId);
        return account != null && account.username().equals(endpoint) && store.isLive(endpoint);
    }

    /** The session ended: its device can no longer register or call. */
    public void revoke(UUID sessionId, String reason) {
        SipAccount account = bySession.remove(sessionId);
        if (account != null && store.revoke(account.username(), reason, clock.instant())) {
            log.info("session {}: SIP account {} revoked ({})", sessionId, account.username(), reason);
        }
    }

    /** Revokes every account past its expiry; returns how many. */
    public int revokeExpired() {
        Instant now = clock.instant();
        int revoked = 0;
        for (String username : store.expiredAt(now)) {
            bySession.values().removeIf(a -> a.username().equals(username));
            if (store.revoke(username, "expired", now)) {
                log.info("SIP account {} revoked (expired)", username);
                revoked++;
            }
        }
        return revoked;
    }

    private String randomText(char[] alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }
}
