package io.dataivr.console;

import io.dataivr.system.DomainException;

/** No voice call with this request id was answered by an agent. */
public final class NoSuchCall extends DomainException {
    public NoSuchCall(String request) {
        super("CALL_NOT_FOUND", "no answered call with request id " + request);
    }
}
