package io.dataivr.sdk;

/** Receives what the server sends, on OkHttp's reader thread: hand long work to your own thread. */
public interface ClientListener {

    void onMessage(ServerMessage message);

    /** The connection closed or failed; {@code cause} is null for a normal close. */
    default void onClosed(Throwable cause) {
    }
}
