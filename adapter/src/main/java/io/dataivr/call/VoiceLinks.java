package io.dataivr.call;

import java.util.UUID;

/**
 * The one-time voice links the dialplan checks by itself (Asterisk's database, AstDB): the session
 * feature opens one per voice request before the app may dial it, and closes it when the request is
 * given up unused. The dialplan uses a link once and deletes it; the adapter then learns of the call
 * from Asterisk's events.
 */
public interface VoiceLinks {

    /** No links at all (unit tests without Asterisk): every open and close does nothing. */
    VoiceLinks NONE = new VoiceLinks() {
        @Override
        public void open(String requestId, UUID sessionId, String queue, String endpoint) {
        }

        @Override
        public void close(String requestId) {
        }
    };

    /**
     * Lets {@code endpoint} (a device account; null: the session has none, only static accounts may dial)
     * dial {@code requestId} once into {@code queue}. Returns once Asterisk holds the link, so the app may
     * dial as soon as it is told; throws when Asterisk cannot take it.
     */
    void open(String requestId, UUID sessionId, String queue, String endpoint);

    /** The request was given up unused: its link goes. A link already used or gone is no error. */
    void close(String requestId);
}
