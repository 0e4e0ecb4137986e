package io.dataivr.system;

/**
 * A store the request needs (e.g. Redis for used customer-token ids) did not answer; the request is
 * refused rather than served without it (STORE_UNAVAILABLE).
 */
public final class StoreUnavailable extends DomainException {
    public StoreUnavailable(String what, Throwable cause) {
        super("STORE_UNAVAILABLE", what + " is unavailable; try again later");
        if (cause != null) {
            initCause(cause);
        }
    }
}
