package io.dataivr.session.device;

import java.time.Instant;

/**
 * The SIP account of one customer device (the app's or the browser's SIP phone), provisioned for one
 * session and never shared: it registers as {@code username@domain} at {@code registrar} (a browser
 * through the SIP WebSocket {@code websocketUrl}, null for other kinds).
 */
public record SipAccount(String username, String password, String domain, String registrar, Instant expiresAt,
        DeviceKind kind, String websocketUrl) {

    /** An app's (SIP) account. */
    public SipAccount(String username, String password, String domain, String registrar, Instant expiresAt) {
        this(username, password, domain, registrar, expiresAt, DeviceKind.SIP, null);
    }

    /** The same account, living until {@code until}. */
    SipAccount expiringAt(Instant until) {
        return new SipAccount(username, password, domain, registrar, until, kind, websocketUrl);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SipAccount[" + username + "@" + domain + ", " + kind.wire() + ", expires " + expiresAt + "]";
    }
}
