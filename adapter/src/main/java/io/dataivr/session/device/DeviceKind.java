package io.dataivr.session.device;

import io.dataivr.system.InvalidField;
import java.util.Locale;

/**
 * What kind of SIP phone a customer's device has, which decides the kind of account it is given:
 * a SIP app's phone (plain RTP, direct media to the agent's desk phone: claim 3) or a browser's
 * (SIP over WebSocket, ICE and DTLS-SRTP: its media goes through Asterisk).
 */
public enum DeviceKind {
    /** An app's SIP stack (mobile-sdk, baresip): UDP, plain RTP, direct media. */
    SIP,
    /** A browser (web-sdk with JsSIP): SIP over WebSocket, WebRTC media through Asterisk. */
    WEBRTC;

    /** The protocol's name: {@code sip} or {@code webrtc}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The protocol's {@code device} field: null (absent) means {@link #SIP}. */
    public static DeviceKind fromWire(String device) {
        if (device == null) {
            return SIP;
        }
        for (DeviceKind kind : values()) {
            if (kind.wire().equals(device)) {
                return kind;
            }
        }
        throw new InvalidField("device must be \"sip\" or \"webrtc\"");
    }
}
