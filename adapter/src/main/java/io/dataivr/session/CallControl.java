package io.dataivr.session;

/** What the session feature asks of Asterisk for a customer's call. */
public interface CallControl {

    /** Hangs up the customer's channel (its Asterisk Uniqueid); an unknown or gone channel is not an error. */
    void hangUp(String callerChannelId);
}
