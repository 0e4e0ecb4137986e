package io.dataivr.call;

import java.util.Locale;

/**
 * Who ended a queue call's talk, as app_queue's {@code AgentComplete} says (its {@code Reason}:
 * {@code caller}, {@code agent} or {@code transfer}).
 */
public enum HungUpBy {
    CALLER,
    AGENT,
    /** The agent transferred the call elsewhere. */
    TRANSFER,
    /** Not known: Asterisk gave no reason this adapter knows, or nobody saw the end. */
    UNKNOWN;

    /** Asterisk's {@code Reason} of an {@code AgentComplete}; anything else is {@link #UNKNOWN}. */
    public static HungUpBy fromAsterisk(String reason) {
        if (reason != null) {
            for (HungUpBy by : values()) {
                if (by != UNKNOWN && by.word().equalsIgnoreCase(reason.strip())) {
                    return by;
                }
            }
        }
        return UNKNOWN;
    }

    /** The word for it in logs and stored texts: "caller", "agent", "transfer" or "unknown". */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
