package io.dataivr.session.consult;

import io.dataivr.system.DomainException;

public final class VoiceCallInProgress extends DomainException {
    public VoiceCallInProgress() {
        super("CALL_IN_PROGRESS", "the session already has a voice call; hang up before asking for another agent");
    }
}
