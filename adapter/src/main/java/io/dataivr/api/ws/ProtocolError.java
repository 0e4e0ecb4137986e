package io.dataivr.api.ws;

import io.dataivr.system.DomainException;

/** A frame the IP channel cannot serve as sent (docs/protocol.md, "Errors"). */
final class ProtocolError extends DomainException {
    ProtocolError(String code, String message) {
        super(code, message);
    }
}
