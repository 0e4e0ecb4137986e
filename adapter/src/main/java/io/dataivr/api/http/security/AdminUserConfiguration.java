package io.dataivr.api.http.security;

import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The admin user, from {@link AdminProperties}: one user with HTTP Basic, whom the admin API
 * (api.http.admin), the actuator ({@link ActuatorSecurityConfiguration}) and the agent endpoints
 * (api.http.agentauth) accept. Without credentials configured there is no admin.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AdminProperties.class, PasswordCheckProperties.class})
public class AdminUserConfiguration {

    /** The admin's role (authority {@code ROLE_ADMIN}). */
    public static final String ROLE = "ADMIN";
    /** The HTTP Basic realm the admin's chains name in a 401's challenge. */
    public static final String REALM = "DataIVR admin";
    private static final Set<String> HASH_KINDS = Set.of("bcrypt", "argon2", "scrypt", "pbkdf2");

    /**
     * The admin user (or none). Always defined, so Spring Boot never makes up a user with a
     * generated password, also in the command line's non-web context.
     */
    @Bean
    UserDetailsService adminUsers(AdminProperties admin) {
        if (admin.bothPasswordsSet()) {
            throw new IllegalStateException(
                    "set dataivr.admin.password-hash or dataivr.admin.password, not both");
        }
        if (!admin.configured()) {
            return name -> {
                throw new UsernameNotFoundException("no admin user is configured");
            };
        }
        String hash = AdminProperties.present(admin.passwordHash()) ? storedHash(admin.passwordHash())
                : "{bcrypt}" + new BCryptPasswordEncoder(4).encode(admin.password());
        String username = admin.username();
        // Matched exactly, as the agents' names are (Spring's InMemoryUserDetailsManager ignores case).
        // A new User each time: a successful check erases the returned user's password.
        return name -> {
            if (!username.equals(name)) {
                throw new UsernameNotFoundException("not the admin");
            }
            return User.withUsername(username).password(hash).roles(ROLE).build();
        };
    }

    /**
     * The hash as Spring Security's default (delegating) password encoder reads it, {@code {id}hash};
     * a bare bcrypt hash gets its {@code {bcrypt}} prefix. No PasswordEncoder bean is defined, so
     * nothing here competes with other features' encoders.
     */
    static String storedHash(String hash) {
        String trimmed = hash.strip();
        if (trimmed.startsWith("{")) {
            String id = trimmed.substring(1, Math.max(1, trimmed.indexOf('}')));
            if (!HASH_KINDS.contains(id.replaceFirst("@.*", ""))) {
                throw new IllegalStateException("dataivr.admin.password-hash: unknown hash kind {" + id
                        + "} (use {bcrypt}…; see docs/admin-api.md)");
            }
            return trimmed;
        }
        if (trimmed.matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
            return "{bcrypt}" + trimmed;
        }
        throw new IllegalStateException(
                "dataivr.admin.password-hash is not a bcrypt hash nor a {id}hash (see docs/admin-api.md)");
    }
}
