package io.dataivr.session.device;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Where device accounts live so that Asterisk finds them (PJSIP realtime), and their history. */
public interface SipAccountStore {

    /** Makes the account usable at once: Asterisk accepts its REGISTER and INVITE from now on. */
    void provision(SipAccount account, UUID sessionId, Instant at);

    /** Makes accounts usable at once that belong to no session yet (the pool), in one write. */
    void provisionUnassigned(List<SipAccount> accounts, Instant at);

    /**
     * A pooled account is the session's from now on, until {@code expiresAt}. Written behind (the
     * caller does not wait for the database), but before any later {@link #revoke} of it.
     */
    void assign(String username, UUID sessionId, Instant at, Instant expiresAt);

    /** Makes the account unusable at once; false if it was not live. */
    boolean revoke(String username, String reason, Instant at);

    /** Live accounts whose expiry is before {@code now}. */
    List<String> expiredAt(Instant now);

    /** Whether Asterisk would accept the account now (for tests and tools; the adapter decides from memory). */
    boolean isLive(String username);
}
