package io.dataivr.system;

/**
 * An expected condition with a stable error code. The transports map each one once (HTTP problem
 * detail, WebSocket error frame); nothing turns it into a 500.
 */
public abstract class DomainException extends RuntimeException {

    private final String code;

    protected DomainException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
