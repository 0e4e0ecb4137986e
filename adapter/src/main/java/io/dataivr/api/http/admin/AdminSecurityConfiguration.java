package io.dataivr.api.http.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.api.http.security.AdminProperties;
import io.dataivr.api.http.security.AdminUserConfiguration;
import io.dataivr.api.http.security.PasswordCheckProperties;
import io.dataivr.api.http.security.RememberedPasswords;
import io.dataivr.api.http.security.SecurityProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may use the admin API ({@value #ADMIN_PATHS}): the admin user with HTTP Basic
 * ({@link AdminUserConfiguration}). Without credentials configured every admin request is refused with
 * {@code ADMIN_NOT_CONFIGURED}.
 *
 * <p>This chain matches the admin paths only. The customer-facing endpoints (IP channel WebSocket,
 * {@code /api/v1/sessions/**}), the agent endpoints and {@code /actuator/health} go through no
 * Spring Security chain: customer sessions are bound to their own signed tokens, checked by the
 * IP channel. A chain for other paths can be added beside this one with its own
 * {@code securityMatcher} and a later {@code @Order}.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfiguration {

    static final String ADMIN_PATHS = "/api/v1/admin/**";
    private static final Logger log = LoggerFactory.getLogger(AdminSecurityConfiguration.class);

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
                SecurityProblemWriter refused = new SecurityProblemWriter(json, HttpStatus.FORBIDDEN,
                        "ADMIN_NOT_CONFIGURED", "the admin API is disabled: no admin credentials are configured "
                                + "on this adapter (dataivr.admin.username / dataivr.admin.password-hash)",
                        AdminUserConfiguration.REALM);
                return http.authorizeHttpRequests(a -> a.anyRequest().denyAll())
                        .httpBasic(AbstractHttpConfigurer::disable)
                        .exceptionHandling(e -> e.authenticationEntryPoint(refused).accessDeniedHandler(refused))
                        .build();
            }
            log.info("the admin API ({}) accepts the configured admin user (HTTP Basic)", ADMIN_PATHS);
            SecurityProblemWriter unauthorized = new SecurityProblemWriter(json, HttpStatus.UNAUTHORIZED,
                    "ADMIN_AUTH_REQUIRED", "the admin API needs the admin's user name and password (HTTP Basic)",
                    AdminUserConfiguration.REALM);
            SecurityProblemWriter forbidden = new SecurityProblemWriter(json, HttpStatus.FORBIDDEN,
                    "ADMIN_FORBIDDEN", "this user may not use the admin API", AdminUserConfiguration.REALM);
            return http.authenticationManager(RememberedPasswords.manager(adminUsers, passwordCheck.remember()))
                    .authorizeHttpRequests(a -> a.anyRequest().hasRole(AdminUserConfiguration.ROLE))
                    .httpBasic(b -> b.realmName(AdminUserConfiguration.REALM).authenticationEntryPoint(unauthorized))
                    .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                    .build();
        }
    }
}
