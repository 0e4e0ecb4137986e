package io.dataivr.session.device;

/**
 * Copies of device accounts kept in front of the {@link SipAccountStore}: Asterisk's sorcery memory
 * caches (asterisk-config/sorcery.conf), which serve a device's endpoint, auth and AOR from memory after
 * its first request. A revoked account is dropped from them right after its rows are deleted, so Asterisk
 * refuses it at its next request instead of answering from the copy.
 */
public interface SipAccountCache {

    /** Nothing cached (unit tests; an Asterisk without caches). */
    SipAccountCache NONE = username -> { };

    /**
     * Drops the copies of {@code username}; returns once Asterisk has. Never fails: an eviction that could
     * not be sent is made up for by dropping every copy once Asterisk is reachable again.
     */
    void evict(String username);
}
