package io.dataivr.sdk.sip;

/**
 * The app's SIP stack, as far as DataIVR needs it: when the server answers a voice request, the SDK
 * has the phone register with the device's own SIP account from that answer, then dial the address
 * it was given (docs/protocol.md, "voice" and "The device's SIP account").
 */
public interface SipPhone {

    /**
     * Registers the phone with the device account (digest user {@code username}, address of record
     * {@code username@domain}, at {@code registrar}) and returns once the registrar accepted it.
     * Registering the account the phone already has is a no-op. The SDK may call it from a thread of its
     * own (registering ahead, {@code DataIvrClient.registeredAhead}) while the app calls it too: a second
     * call for the same account waits for the first and returns.
     *
     * @throws IllegalStateException when the registrar refuses it or does not answer in time
     */
    void register(SipAccount account);

    /**
     * Drops the device account registered last (un-REGISTER); nothing when there is none. Call it before
     * the session ends ({@code DataIvrClient.end(SipPhone)} does): once the server has revoked the account,
     * the registrar refuses the un-REGISTER and a SIP stack keeps retrying it.
     */
    void unregister();

    void dial(String uri);

    void hangup();
}
