package io.dataivr.session;

import io.dataivr.call.CallOutcome;
import io.dataivr.call.ChannelId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The customer-service database's record of sessions, chosen items, sent contents and calls. */
public interface SessionStore {

    void started(ConsultationSession session);

    /**
     * The session is at the menu level {@code path}, kept for a restart. Only a session with a call
     * is restored after a restart (its call goes on in Asterisk), so this is called when it asks for
     * an agent and for its moves while the call lasts, not for every move of plain browsing.
     */
    void movedTo(UUID sessionId, List<String> path);

    /** The SHA-256 of the secret of the session's resume token, kept so it can be resumed after a restart. */
    void resumable(UUID sessionId, byte[] resumeSecretHash);

    /**
     * The SHA-256 of the secret of a session opened over REST, kept so it can be driven by its app
     * (and only its app) after a restart. A store that restores nothing may ignore it.
     */
    default void restOwned(UUID sessionId, byte[] secretHash) {
    }

    void itemChosen(UUID sessionId, int seq, String itemPath, String kind, Instant at, boolean duringCall);

    /** Claim 2: written after the content was sent. */
    void contentDelivered(UUID sessionId, String itemPath, String language, int chars, Instant at);

    void voiceRequested(VoiceRequest request);

    /** The call arrived from the SIP account {@code sipAccount} (the caller's PJSIP endpoint). */
    void callLinked(String requestId, ChannelId callerChannelId, String sipAccount);

    void callRinging(String requestId, String agent, Instant at);

    void callAnswered(String requestId, String agent, Instant at);

    void callEnded(String requestId, CallOutcome outcome, Instant at);

    void ended(SessionEndRecord record);
}
