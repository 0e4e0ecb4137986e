package io.dataivr.api.http.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The admin API's credentials (keys commented in application.yml). There is no default: while no
 * user name and password are set, the admin API refuses every request.
 *
 * @param username     the admin's user name
 * @param passwordHash the admin's password as a Spring Security hash, e.g. {@code {bcrypt}$2a$10$…}
 *                     (a bare {@code $2a$…}/{@code $2b$…}/{@code $2y$…} bcrypt hash is read as bcrypt)
 * @param password     the admin's password in clear, for development and tests; set this or
 *                     {@code password-hash}, not both
 */
@ConfigurationProperties("dataivr.admin")
public record AdminProperties(String username, String passwordHash, String password) {

    /** Whether a user name and one kind of password are set. */
    public boolean configured() {
        return present(username) && (present(passwordHash) || present(password));
    }

    boolean bothPasswordsSet() {
        return present(passwordHash) && present(password);
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** Never prints the password or its hash. */
    @Override
    public String toString() {
        return "AdminProperties[username=" + (present(username) ? "set" : "unset") + ", passwordHash="
                + (present(passwordHash) ? "set" : "unset") + ", password=" + (present(password) ? "set" : "unset")
                + "]";
    }
}
