package io.dataivr.api.http.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may use the admin API ({@value #ADMIN_PATHS}): one admin user with HTTP Basic, from
 * {@link AdminProperties}. Without credentials configured every admin request is refused with
 * {@code ADMIN_NOT_CONFIGURED}.
 *
 * <p>This chain matches the admin paths only. The customer-facing endpoints (IP channel WebSocket,
 * {@code /api/v1/sessions/**}), the agent endpoints and {@code /actuator/health} go through no
 * Spring Security chain: customer sessions are bound to their own signed tokens, checked by the
 * IP channel. A chain for other paths can be added beside this one with its own
 * {@code securityMatcher} and a later {@code @Order}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AdminProperties.class, PasswordCheckProperties.class})
class AdminSecurityConfiguration {

    static final String ADMIN_PATHS = "/api/v1/admin/**";
    static final String ROLE = "ADMIN";
    private static final Set<String> HASH_KINDS = Set.of("bcrypt", "argon2", "scrypt", "pbkdf2");
    private static final Logger log = LoggerFactory.getLogger(AdminSecurityConfiguration.class);

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

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class AdminChain {

        @Bean
        @Order(1)
        SecurityFilterChain adminSecurity(HttpSecurity http, AdminProperties admin, UserDetailsService adminUsers,
                PasswordCheckProperties passwordCheck, ObjectMapper json) throws Exception {
            http.securityMatcher(ADMIN_PATHS)
                    .csrf(AbstractHttpConfigurer::disable)
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .requestCache(AbstractHttpConfigurer::disable)
                    .formLogin(AbstractHttpConfigurer::disable)
                    .logout(AbstractHttpConfigurer::disable);
            if (!admin.configured()) {
                log.warn("the admin API ({}) refuses every request: no admin credentials are set. Set "
                        + "DATAIVR_ADMIN_USERNAME and DATAIVR_ADMIN_PASSWORD_HASH (a bcrypt hash, see "
                        + "docs/admin-api.md), i.e. dataivr.admin.username and dataivr.admin.password-hash",
                        ADMIN_PATHS);
                AdminProblemWriter refused = new AdminProblemWriter(json, HttpStatus.FORBIDDEN,
                        "ADMIN_NOT_CONFIGURED", "the admin API is disabled: no admin credentials are configured "
                                + "on this adapter (dataivr.admin.username / dataivr.admin.password-hash)");
                return http.authorizeHttpRequests(a -> a.anyRequest().denyAll())
                        .httpBasic(AbstractHttpConfigurer::disable)
                        .exceptionHandling(e -> e.authenticationEntryPoint(refused).accessDeniedHandler(refused))
                        .build();
            }
            log.info("the admin API ({}) accepts the configured admin user (HTTP Basic)", ADMIN_PATHS);
            AdminProblemWriter unauthorized = new AdminProblemWriter(json, HttpStatus.UNAUTHORIZED,
                    "ADMIN_AUTH_REQUIRED", "the admin API needs the admin's user name and password (HTTP Basic)");
            AdminProblemWriter forbidden = new AdminProblemWriter(json, HttpStatus.FORBIDDEN,
                    "ADMIN_FORBIDDEN", "this user may not use the admin API");
            return http.authenticationManager(RememberedPasswords.manager(adminUsers, passwordCheck.remember()))
                    .authorizeHttpRequests(a -> a.anyRequest().hasRole(ROLE))
                    .httpBasic(b -> b.realmName(AdminProblemWriter.REALM).authenticationEntryPoint(unauthorized))
                    .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                    .build();
        }
    }
}
