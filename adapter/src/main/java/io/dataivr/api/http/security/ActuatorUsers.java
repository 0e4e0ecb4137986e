package io.dataivr.api.http.security;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The users of the actuator's chain: the admin, and the metrics scrape user when one is configured
 * ({@link ScrapeProperties}), with role {@value #SCRAPE_ROLE} only.
 */
final class ActuatorUsers {

    static final String SCRAPE_ROLE = "METRICS";

    private ActuatorUsers() {
    }

    /** The admin's users, plus the scrape user (found by its exact name) when it is configured. */
    static UserDetailsService of(UserDetailsService adminUsers, AdminProperties admin, ScrapeProperties scrape) {
        if (!scrape.configured()) {
            return adminUsers;
        }
        if (AdminProperties.present(scrape.passwordHash()) && AdminProperties.present(scrape.password())) {
            throw new IllegalStateException(
                    "set dataivr.metrics.scrape.password-hash or dataivr.metrics.scrape.password, not both");
        }
        String username = scrape.username();
        if (username.equals(admin.username())) {
            throw new IllegalStateException("dataivr.metrics.scrape.username may not be the admin's user name");
        }
        String hash = AdminProperties.present(scrape.passwordHash())
                ? AdminUserConfiguration.storedHash(scrape.passwordHash())
                : "{bcrypt}" + new BCryptPasswordEncoder(4).encode(scrape.password());
        // A new User each time: a successful check erases the returned user's password.
        return name -> username.equals(name) ? User.withUsername(username).password(hash).roles(SCRAPE_ROLE).build()
                : adminUsers.loadUserByUsername(name);
    }
}
