package io.dataivr.call;

import java.util.Locale;

/** Why a SIP phone lost its registration, as PJSIP's {@code ContactStatus} says. */
public enum RegistrationLoss {
    /** The phone unregistered, or its registration expired (contact {@code Removed}). */
    UNREGISTERED,
    /** The phone stopped answering the AOR's qualify OPTIONS (contact {@code Unreachable}). */
    UNREACHABLE;

    /** "unregistered" or "unreachable", for logs. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
