package io.dataivr.api.http.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The metrics scrape user (keys commented in application.yml): may read {@code /actuator/prometheus}
 * and nothing else, so Prometheus's configuration never holds the admin's password. Optional.
 *
 * @param username     its user name (not the admin's)
 * @param passwordHash its password as a Spring Security hash, e.g. {@code {bcrypt}$2a$12$…}
 * @param password     its password in clear, for development and tests; this or {@code password-hash}
 */
@ConfigurationProperties("dataivr.metrics.scrape")
public record ScrapeProperties(String username, String passwordHash, String password) {

    /** Whether a user name and one kind of password are set. */
    public boolean configured() {
        return AdminProperties.present(username)
                && (AdminProperties.present(passwordHash) || AdminProperties.present(password));
    }

    /** Never prints the password or its hash. */
    @Override
    public String toString() {
        return "ScrapeProperties[username=" + (AdminProperties.present(username) ? "set" : "unset") + ", passwordHash="
                + (AdminProperties.present(passwordHash) ? "set" : "unset") + ", password="
                + (AdminProperties.present(password) ? "set" : "unset") + "]";
    }
}
