package io.dataivr.voice;

import io.dataivr.session.device.SipAccountCache;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asterisk's sorcery memory caches of device accounts ({@code dataivr.voice.device-account-caches}, named in
 * asterisk-config/sorcery.conf): a revoked account's endpoint, auth and AOR are expired from each
 * ({@code SorceryMemoryCacheExpireObject}), and the caller waits until Asterisk has done it, so the device is
 * refused at its very next request. An eviction that cannot be sent (AMI down) is made up for at the next
 * login, where every cache is emptied ({@code SorceryMemoryCacheExpire}); so is one an adapter killed
 * mid-revocation never sent, as its successor logs in. A lookup already running when the rows went (a
 * request of the device at that very moment) may put the object back after the expiry: each eviction is
 * therefore sent again {@link #AGAIN_AFTER} later. A cache Asterisk does not have (a sorcery.conf
 * without it) is named once in the log and changes nothing: Asterisk then reads realtime on every request.
 */
final class AmiSipAccountCache implements SipAccountCache {

    private static final Logger log = LoggerFactory.getLogger(AmiSipAccountCache.class);
    /** Longer than a realtime lookup takes, even queued behind others on a busy Asterisk. */
    static final Duration AGAIN_AFTER = Duration.ofSeconds(2);

    private final AmiConnections ami;
    private final List<String> caches;
    private final Set<String> missing = ConcurrentHashMap.newKeySet();

    AmiSipAccountCache(AmiConnections ami, List<String> caches) {
        this.ami = ami;
        this.caches = List.copyOf(caches);
    }

    @Override
    public void evict(String username) {
        if (caches.isEmpty()) {
            return;
        }
        try {
            send(username);
            ami.awaitWritten("expire " + username + " from Asterisk's caches"); // answered after the expiries
        } catch (AsteriskUnavailable e) {
            log.warn("SIP account {} revoked while Asterisk is unreachable: its cached copies are expired at the next"
                    + " AMI login", username);
        }
        ami.schedule(AGAIN_AFTER, () -> {
            try {
                send(username);
            } catch (AsteriskUnavailable e) {
                log.debug("second expiry of {}: AMI down (every cache is emptied at the next login)", username);
            }
        });
    }

    private void send(String username) {
        for (String cache : caches) {
            // Asterisk answers "object not found" when nothing was cached: that is no failure.
            ami.sendWithoutWaiting(new SorceryCacheExpireObjectAction(cache, username), "expire " + username,
                    null, notSent -> log.warn("expiring {} from Asterisk's cache {} not sent ({}); every cache is"
                            + " emptied at the next AMI login", username, cache, notSent));
        }
    }

    /** At every AMI login: empties each cache, making up for evictions that could not be sent before. */
    void loggedIn() {
        for (String cache : caches) {
            try {
                ami.sendWithoutWaiting(new SorceryCacheExpireAction(cache), "empty cache " + cache,
                        refused -> cacheMissing(cache, refused), notSent -> log.warn("emptying Asterisk's cache {}"
                                + " not sent ({})", cache, notSent));
            } catch (AsteriskUnavailable e) {
                log.warn("emptying Asterisk's cache {}: AMI lost again ({})", cache, e.getMessage());
            }
        }
    }

    private void cacheMissing(String cache, String why) {
        if (missing.add(cache)) {
            log.info("Asterisk has no sorcery memory cache {} ({}): device accounts are read from PJSIP realtime on"
                    + " every request (asterisk-config/sorcery.conf)", cache, why);
        }
    }
}
