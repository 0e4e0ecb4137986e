package io.dataivr.sdk.sip;

/**
 * The app's SIP stack, as far as DataIVR needs it: when the server answers a voice request, the SDK
 * asks the phone to dial the address it was given (docs/protocol.md, "voice").
 */
public interface SipPhone {

    void dial(String uri);

    void hangup();
}
