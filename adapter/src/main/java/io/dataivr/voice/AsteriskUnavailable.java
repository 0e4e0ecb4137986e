package io.dataivr.voice;

import io.dataivr.system.DomainException;

/** Asterisk did not take an action: AMI is not connected, or it refused or timed out. */
public final class AsteriskUnavailable extends DomainException {
    public AsteriskUnavailable(String what, Throwable cause) {
        super("ASTERISK_UNAVAILABLE", what + ": " + (cause == null ? "AMI is not connected" : cause.getMessage()));
        if (cause != null) {
            initCause(cause);
        }
    }
}
