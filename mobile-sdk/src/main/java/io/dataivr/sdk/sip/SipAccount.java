package io.dataivr.sdk.sip;

import java.util.Objects;

/**
 * A device's own SIP account, as the server hands it out in a {@code voice} message ({@code sip}).
 * A plain class rather than a record, so that older Android toolchains take it as it is.
 */
public final class SipAccount {

    /** Digest user name and the user part of the address of record. */
    public final String username;
    /** Digest password; never print it. */
    public final String password;
    /** The domain of the address of record ({@code sip:username@domain}). */
    public final String domain;
    /** Where to register, e.g. {@code sip:127.0.0.1:5060}; null: the domain itself. */
    public final String registrar;

    public SipAccount(String username, String password, String domain, String registrar) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.registrar = registrar;
    }

    /** The address of record, {@code sip:username@domain}. */
    public String aor() {
        return "sip:" + username + "@" + domain;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SipAccount)) {
            return false;
        }
        SipAccount that = (SipAccount) other;
        return username.equals(that.username) && password.equals(that.password) && domain.equals(that.domain)
                && Objects.equals(registrar, that.registrar);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, domain, registrar);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SipAccount[" + aor() + (registrar != null ? " at " + registrar : "") + "]";
    }
}
