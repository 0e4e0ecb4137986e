package io.dataivr.session.device;

import java.time.Instant;

/**
 * The SIP account of one customer device (the app's SIP phone), provisioned for one session and
 * never shared: it registers as {@code username@domain} at {@code registrar}.
 */
public record SipAccount(String username, String password, String domain, String registrar, Instant expiresAt) {

    /** The same account, living until {@code until}. */
    SipAccount expiringAt(Instant until) {
        return new SipAccount(username, password, domain, registrar, until);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SipAccount[" + username + "@" + domain + ", expires " + expiresAt + "]";
    }
}
