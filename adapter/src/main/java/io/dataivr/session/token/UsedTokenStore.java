package io.dataivr.session.token;

import java.time.Duration;

/**
 * The ids (jti) of customer tokens that have opened a session, shared by every adapter node and kept
 * across restarts, so that a token opens one session only. An id needs keeping only while its token
 * is valid: after that the token is refused as expired anyway.
 */
public interface UsedTokenStore {

    /**
     * Marks {@code tokenId} used for {@code keepFor} (the token's remaining lifetime), atomically.
     *
     * @return true if this call marked it, false if it was already marked (a replay)
     * @throws io.dataivr.system.StoreUnavailable when the store cannot answer; the token is then not
     *         accepted (fail closed)
     */
    boolean markUsed(String tokenId, Duration keepFor);
}
