package io.dataivr.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Where device accounts live so that Asterisk finds them (PJSIP realtime), and their history. */
public interface SipAccountStore {

    /** Makes the account usable at once: Asterisk accepts its REGISTER and INVITE from now on. */
    void provision(SipAccount account, UUID sessionId, Instant at);

    /** Makes the account unusable at once; false if it was not live. */
    boolean revoke(String username, String reason, Instant at);

    /** Live accounts whose expiry is before {@code now}. */
    List<String> expiredAt(Instant now);

    boolean isLive(String username);
}
