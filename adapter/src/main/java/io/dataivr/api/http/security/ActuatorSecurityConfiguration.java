package io.dataivr.api.http.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
 * Who may read the actuator ({@code /actuator/**}): the bare health status ({@code {"status":"UP"}},
 * 200 or 503) is open to anyone, for load balancers and {@code ./dataivr up}; the health components
 * and their details (Asterisk's version, the AMI address, disk paths), {@code /actuator} and
 * {@code /actuator/info} only to the admin user (HTTP Basic, as the admin API). Health shows its
 * details to role ADMIN ({@code management.endpoint.health.roles} in application.yml), which this
 * chain authenticates; without an admin configured nobody sees them. The metrics
 * ({@code /actuator/prometheus}) are for the admin or the scrape user ({@link ScrapeProperties}), which
 * may read nothing else.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ScrapeProperties.class)
class ActuatorSecurityConfiguration {

    @Bean
    @Order(3)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, AdminProperties admin, ScrapeProperties scrape,
            UserDetailsService adminUsers, PasswordCheckProperties passwordCheck, ObjectMapper json) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
        if (!admin.configured() && !scrape.configured()) {
            SecurityProblemWriter refused = new SecurityProblemWriter(json, HttpStatus.FORBIDDEN, "ADMIN_NOT_CONFIGURED",
                    "the actuator beyond the health status needs the admin, and no admin credentials are "
                            + "configured on this adapter (dataivr.admin.username / dataivr.admin.password-hash)",
                    AdminUserConfiguration.REALM);
            return http.authorizeHttpRequests(a -> a
                            .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                            .anyRequest().denyAll())
                    .httpBasic(AbstractHttpConfigurer::disable)
                    .exceptionHandling(e -> e.authenticationEntryPoint(refused).accessDeniedHandler(refused))
                    .build();
        }
        SecurityProblemWriter unauthorized = new SecurityProblemWriter(json, HttpStatus.UNAUTHORIZED,
                "ADMIN_AUTH_REQUIRED", "the actuator beyond the health status needs the admin's user name and "
                        + "password (HTTP Basic); /actuator/prometheus also takes the metrics scrape user's",
                AdminUserConfiguration.REALM);
        SecurityProblemWriter forbidden = new SecurityProblemWriter(json, HttpStatus.FORBIDDEN, "ADMIN_FORBIDDEN",
                "this user may not read the actuator", AdminUserConfiguration.REALM);
        UserDetailsService users = ActuatorUsers.of(adminUsers, admin, scrape);
        return http.authenticationManager(RememberedPasswords.manager(users, passwordCheck.remember()))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.to(PrometheusScrapeEndpoint.class))
                        .hasAnyRole(AdminUserConfiguration.ROLE, ActuatorUsers.SCRAPE_ROLE)
                        .anyRequest().hasRole(AdminUserConfiguration.ROLE))
                .httpBasic(b -> b.realmName(AdminUserConfiguration.REALM).authenticationEntryPoint(unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }
}
