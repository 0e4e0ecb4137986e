package io.dataivr.call;

/**
 * How a voice call ended, as its record keeps it ({@code voice_call.outcome}, shown by the admin API).
 * Each outcome is stored as its {@link #stored() text}, which never changes: records written by
 * earlier versions read the same.
 */
public enum CallOutcome {
    /** The customer and the agent talked; the customer hung up. */
    COMPLETED_BY_CALLER("completed by caller"),
    /** The customer and the agent talked; the agent hung up. */
    COMPLETED_BY_AGENT("completed by agent"),
    /** The customer and the agent talked; the agent transferred the call. */
    COMPLETED_BY_TRANSFER("completed by transfer"),
    /** The customer and the agent talked; Asterisk did not say who hung up. */
    COMPLETED_BY_UNKNOWN("completed by unknown"),
    /** The customer gave up waiting in the queue (app_queue's abandon). */
    ABANDONED("abandoned"),
    /** The customer's channel hung up before an agent answered. */
    CALLER_HUNG_UP("caller hung up"),
    /** Given up before the app's call reached Asterisk. */
    CANCELLED("cancelled"),
    /** The call ended while no adapter ran (found closed after a restart); its session ends with this reason too. */
    ENDED_WHILE_ADAPTER_DOWN("ended-while-adapter-down"),
    /** The call ended while the adapter got no events from Asterisk (an AMI outage). */
    ENDED_WHILE_AMI_DOWN("ended-while-ami-down"),
    /** An Asterisk restart cut the call. */
    CUT_BY_ASTERISK_RESTART("cut-by-asterisk-restart");

    private final String stored;

    CallOutcome(String stored) {
        this.stored = stored;
    }

    /** The talk ended: completed, by whom app_queue says. */
    public static CallOutcome completedBy(HungUpBy by) {
        return switch (by) {
            case CALLER -> COMPLETED_BY_CALLER;
            case AGENT -> COMPLETED_BY_AGENT;
            case TRANSFER -> COMPLETED_BY_TRANSFER;
            case UNKNOWN -> COMPLETED_BY_UNKNOWN;
        };
    }

    /** The text the call's record holds (and the admin API shows). */
    public String stored() {
        return stored;
    }

    @Override
    public String toString() {
        return stored;
    }
}
