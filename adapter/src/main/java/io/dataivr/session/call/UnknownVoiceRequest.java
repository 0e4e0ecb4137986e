package io.dataivr.session.call;

import io.dataivr.system.DomainException;

public final class UnknownVoiceRequest extends DomainException {
    public UnknownVoiceRequest(String requestId) {
        super("VOICE_REQUEST_UNKNOWN", "no pending voice request \"" + requestId + "\"");
    }
}
