package io.dataivr.sdk;

/**
 * Receives everything the server sends, replies and pushes ({@code call}) alike, on OkHttp's reader
 * thread: hand long work to your own thread. Text in messages (titles, labels, content) is plain
 * text; show it as text, never as HTML or any other markup.
 */
public interface ClientListener {

    void onMessage(ServerMessage message);

    /** The connection dropped; the client tries again in {@code delayMillis} (attempt 1, 2, …). */
    default void onReconnecting(int attempt, long delayMillis) {
    }

    /** The session was resumed on a new connection; its menu level follows as a message. */
    default void onResumed(ServerMessage.Session session) {
    }

    /**
     * The connection closed for good; {@code cause} is null for a close the app asked for, else why
     * (a {@link DataIvrException} when the session could not be resumed).
     */
    default void onClosed(Throwable cause) {
    }
}
