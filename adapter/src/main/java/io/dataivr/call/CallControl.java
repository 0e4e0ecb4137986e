package io.dataivr.call;

/** What the session feature asks of Asterisk for a customer's call. */
public interface CallControl {

    /** Hangs up the customer's channel; an unknown or gone channel is not an error. */
    void hangUp(ChannelId callerChannelId);
}
