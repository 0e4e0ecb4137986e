package io.dataivr.console;

import io.dataivr.system.DomainException;

/** A disposition whose code is not configured or whose note is too long or holds control characters. */
public final class InvalidDisposition extends DomainException {
    public InvalidDisposition(String message) {
        super("DISPOSITION_INVALID", message);
    }
}
