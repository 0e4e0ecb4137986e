package io.dataivr.sdk;

/**
 * A request that failed: {@link #code()} is the server's stable error code (docs/protocol.md), or
 * one of the SDK's own: {@code CONNECTION_LOST} (the connection dropped before the answer came; the
 * request may or may not have been served), {@code RESUMED_ELSEWHERE}, {@code RECONNECT_FAILED}.
 */
public final class DataIvrException extends RuntimeException {

    private final String code;

    public DataIvrException(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public DataIvrException(String code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
