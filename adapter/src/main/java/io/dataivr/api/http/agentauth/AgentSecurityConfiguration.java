package io.dataivr.api.http.agentauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.api.http.security.AdminProperties;
import io.dataivr.api.http.security.PasswordCheckProperties;
import io.dataivr.api.http.security.RememberedPasswords;
import io.dataivr.api.http.security.SecurityProblemWriter;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may use the agent endpoints: the agent REST API ({@code /api/v1/agents/**}), the idle-agent
 * lists ({@code /api/v1/queues/**}) and the agent screen ({@code /ws/v1/agent}). HTTP Basic, like
 * the admin API: each agent with its own password ({@link AgentAuthProperties}), and the admin user
 * (dataivr.admin). An agent may use only its own endpoints and screen; the admin may use any. With
 * no agent password and no admin configured, every agent request is refused with
 * {@code AGENT_AUTH_NOT_CONFIGURED}. The agent's desk phone needs none of this for its feature codes
 * (*71…): Asterisk authenticated the phone.
 */
@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AgentAuthProperties.class)
class AgentSecurityConfiguration {

    static final String REALM = "DataIVR agents";
    static final String AGENT_ROLE = "AGENT";
    private static final String ADMIN_AUTHORITY = "ROLE_ADMIN";
    private static final Logger log = LoggerFactory.getLogger(AgentSecurityConfiguration.class);

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();
    static final RequestMatcher AGENT_PATHS = new OrRequestMatcher(PATHS.matcher("/api/v1/agents"),
            PATHS.matcher("/api/v1/agents/**"), PATHS.matcher("/api/v1/queues/**"), PATHS.matcher("/ws/v1/agent"),
            PATHS.matcher("/ws/v1/agent/**"));

    @Bean
    @Order(2)
    SecurityFilterChain agentSecurity(HttpSecurity http, AgentAuthProperties properties, AdminProperties admin,
            UserDetailsService adminUsers, PasswordCheckProperties passwordCheck, ObjectMapper json) throws Exception {
        Map<String, String> agents = AgentPasswords.read(properties);
        http.securityMatcher(AGENT_PATHS)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
        if (agents.isEmpty() && !admin.configured()) {
            log.warn("the agent API and screens (/api/v1/agents/**, /api/v1/queues/**, /ws/v1/agent) refuse every "
                    + "request: no agent passwords and no admin are set. Set dataivr.agent-auth.password-file "
                    + "(NAME:HASH lines, ./dataivr hash-password) or DATAIVR_ADMIN_USERNAME/_PASSWORD_HASH; see "
                    + "docs/admin-api.md");
            SecurityProblemWriter refused = new SecurityProblemWriter(json, HttpStatus.FORBIDDEN,
                    "AGENT_AUTH_NOT_CONFIGURED", "the agent endpoints are disabled: no agent passwords "
                            + "(dataivr.agent-auth) and no admin (dataivr.admin) are configured on this adapter",
                    REALM);
            return http.authorizeHttpRequests(a -> a.anyRequest().denyAll())
                    .httpBasic(AbstractHttpConfigurer::disable)
                    .exceptionHandling(e -> e.authenticationEntryPoint(refused).accessDeniedHandler(refused))
                    .build();
        }
        if (admin.configured() && agents.containsKey(admin.username())) {
            throw new IllegalStateException("agent " + admin.username() + " has the admin's user name; rename one");
        }
        log.info("the agent endpoints accept {} agent(s) with their own passwords{} (HTTP Basic)", agents.size(),
                admin.configured() ? " and the admin" : "");
        if (agents.isEmpty()) {
            log.warn("no agent passwords are set (dataivr.agent-auth): only the admin may use the agent endpoints");
        }
        SecurityProblemWriter unauthorized = new SecurityProblemWriter(json, HttpStatus.UNAUTHORIZED,
                "AGENT_AUTH_REQUIRED", "the agent endpoints need the agent's name and password (HTTP Basic)", REALM);
        SecurityProblemWriter forbidden = new SecurityProblemWriter(json, HttpStatus.FORBIDDEN, "AGENT_FORBIDDEN",
                "an agent may use only its own endpoints and screen", REALM);
        return http
                .authenticationManager(RememberedPasswords.manager(users(agents, adminUsers), passwordCheck.remember()))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(PATHS.matcher("/api/v1/agents/{agent}"),
                                PATHS.matcher("/api/v1/agents/{agent}/**"))
                        .access(AgentSecurityConfiguration::ownAgentPath)
                        .requestMatchers(PATHS.matcher("/ws/v1/agent"), PATHS.matcher("/ws/v1/agent/**"))
                        .access(AgentSecurityConfiguration::ownScreen)
                        .anyRequest().authenticated())
                .httpBasic(b -> b.realmName(REALM).authenticationEntryPoint(unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    /** Agents by their own passwords (role AGENT), then the admin user (role ADMIN). */
    static UserDetailsService users(Map<String, String> agents, UserDetailsService adminUsers) {
        return name -> {
            String hash = agents.get(name);
            if (hash != null) {
                return User.withUsername(name).password(hash).roles(AGENT_ROLE).build();
            }
            return adminUsers.loadUserByUsername(name);
        };
    }

    /** {@code /api/v1/agents/{agent}/…}: that agent, or the admin. */
    static AuthorizationDecision ownAgentPath(Supplier<Authentication> authentication,
            RequestAuthorizationContext context) {
        return new AuthorizationDecision(allowed(authentication.get(), context.getVariables().get("agent")));
    }

    /** {@code /ws/v1/agent?agent=NAME}: that agent's screen, or the admin. */
    static AuthorizationDecision ownScreen(Supplier<Authentication> authentication,
            RequestAuthorizationContext context) {
        return new AuthorizationDecision(allowed(authentication.get(), context.getRequest().getParameter("agent")));
    }

    static boolean allowed(Authentication authentication, String agent) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return false;
        }
        boolean admin = authentication.getAuthorities().stream().anyMatch(a -> ADMIN_AUTHORITY.equals(a.getAuthority()));
        return admin || (agent != null && agent.equals(authentication.getName()));
    }
}
