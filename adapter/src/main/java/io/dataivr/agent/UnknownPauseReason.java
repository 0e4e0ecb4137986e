package io.dataivr.agent;

import io.dataivr.system.DomainException;

/** A pause asked for with a reason that is not one of dataivr.agent.pause-reasons. */
public final class UnknownPauseReason extends DomainException {
    public UnknownPauseReason(String reason) {
        super("PAUSE_REASON_UNKNOWN", "\"" + (reason.length() > 32 ? reason.substring(0, 32) + "…" : reason)
                + "\" is not one of the configured pause reasons (dataivr.agent.pause-reasons)");
    }
}
