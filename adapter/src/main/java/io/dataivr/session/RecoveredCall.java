package io.dataivr.session;

import io.dataivr.call.ChannelId;
import java.time.Instant;
import java.util.List;

/**
 * What the database holds about a voice call found in Asterisk after a restart, and its session.
 *
 * @param request         the voice request (its item path is the last voice item chosen, if known)
 * @param answeredAt      when the agent answered, as stored (null: not stored before the restart)
 * @param menuId          the session's menu and version
 * @param sessionEndedAt  when the session ended, or null while it is open
 * @param itemsChosen     the session's counts so far, for its end record
 * @param path            the menu level the session was at (empty: the top, or not stored)
 * @param resumeHash      the SHA-256 of its resume token's secret (null: none stored, not resumable)
 * @param restSecretHash  the SHA-256 of its REST secret (null: not opened over REST, or not stored)
 */
public record RecoveredCall(VoiceRequest request, ChannelId callerChannelId, Instant answeredAt, String menuId,
        int menuVersion, String language, String clientRef, Instant sessionStartedAt, Instant sessionEndedAt,
        int itemsChosen, int contentsSent, int voiceCalls, List<String> path, byte[] resumeHash,
        byte[] restSecretHash) {

    public RecoveredCall {
        path = List.copyOf(path);
    }

    /** A call whose session was not opened over REST. */
    public RecoveredCall(VoiceRequest request, ChannelId callerChannelId, Instant answeredAt, String menuId,
            int menuVersion, String language, String clientRef, Instant sessionStartedAt, Instant sessionEndedAt,
            int itemsChosen, int contentsSent, int voiceCalls, List<String> path, byte[] resumeHash) {
        this(request, callerChannelId, answeredAt, menuId, menuVersion, language, clientRef, sessionStartedAt,
                sessionEndedAt, itemsChosen, contentsSent, voiceCalls, path, resumeHash, null);
    }
}
