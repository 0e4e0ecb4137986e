package io.dataivr.api.http.signin;

import io.dataivr.signin.Role;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may open what: the one place for people's pages, APIs and sockets (docs/sign-in.md), applied
 * alike to the browsers' session chain and the scripts' HTTP Basic chain.
 *
 * <pre>
 * /login, /login/**, /logout                      anyone (the sign-in page and its form)
 * /agent/**, /api/v1/me, /api/v1/console/**       any signed-in role
 * /wallboard/**, /api/v1/wallboard/**,
 *   /api/v1/reports/**, /ws/v1/wallboard          supervisor, admin
 * GET /api/v1/agents, GET /api/v1/queues/**        any signed-in role
 * GET /api/v1/agents/{agent}[/**]                 that agent, supervisor, admin
 * POST /api/v1/agents/{agent}/pause|logout        that agent, supervisor, admin
 * any other /api/v1/agents/{agent}/**             that agent, admin
 * /ws/v1/agent?agent={agent}                      that agent, supervisor (read-only socket), admin
 * anything else under these paths                 admin
 * </pre>
 */
final class AccessRules {

    private static final PathPatternRequestMatcher.Builder PATH = PathPatternRequestMatcher.withDefaults();

    /** The sign-in page, its files, and the form's POST /login and POST /logout. */
    static final RequestMatcher SIGN_IN = any("/login", "/login/**", "/logout");
    /** The pages of people (redirected to /login when nobody is signed in). */
    static final RequestMatcher PAGES = any("/agent", "/agent/**", "/wallboard", "/wallboard/**");
    /** The agent endpoints as before the sign-in page (their 401 keeps code AGENT_AUTH_REQUIRED). */
    static final RequestMatcher AGENT_API = any("/api/v1/agents", "/api/v1/agents/**", "/api/v1/queues/**",
            "/ws/v1/agent", "/ws/v1/agent/**");
    private static final RequestMatcher SUPERVISING = any("/wallboard", "/wallboard/**", "/api/v1/wallboard",
            "/api/v1/wallboard/**", "/api/v1/reports", "/api/v1/reports/**", "/ws/v1/wallboard", "/ws/v1/wallboard/**");
    private static final RequestMatcher ANY_ROLE = any("/agent", "/agent/**", "/api/v1/me", "/api/v1/console/**");
    /** Every API and socket of people (answered with problem details, never a redirect). */
    static final RequestMatcher API = new OrRequestMatcher(AGENT_API, SUPERVISING, any("/api/v1/me", "/api/v1/console/**"));
    /** Everything these rules govern. */
    static final RequestMatcher ALL = new OrRequestMatcher(SIGN_IN, PAGES, API);

    private AccessRules() {
    }

    static void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(SIGN_IN).permitAll()
                .requestMatchers(ANY_ROLE).authenticated()
                .requestMatchers(SUPERVISING).hasAnyAuthority(Role.SUPERVISOR.authority(), Role.ADMIN.authority())
                .requestMatchers(PATH.matcher(HttpMethod.GET, "/api/v1/agents"),
                        PATH.matcher(HttpMethod.GET, "/api/v1/queues/**")).authenticated()
                .requestMatchers(PATH.matcher(HttpMethod.GET, "/api/v1/agents/{agent}"),
                        PATH.matcher(HttpMethod.GET, "/api/v1/agents/{agent}/**"),
                        PATH.matcher(HttpMethod.POST, "/api/v1/agents/{agent}/pause"),
                        PATH.matcher(HttpMethod.POST, "/api/v1/agents/{agent}/logout"))
                .access((who, context) -> decide(who, agentOf(context), true))
                .requestMatchers(PATH.matcher("/api/v1/agents/{agent}"), PATH.matcher("/api/v1/agents/{agent}/**"))
                .access((who, context) -> decide(who, agentOf(context), false))
                .requestMatchers(any("/ws/v1/agent", "/ws/v1/agent/**"))
                .access((who, context) -> decide(who, context.getRequest().getParameter("agent"), true))
                .anyRequest().hasAuthority(Role.ADMIN.authority());
    }

    /** Whether this person may act on (or, {@code supervisorToo}, watch) agent {@code agent}. */
    static boolean allowed(Authentication who, String agent, boolean supervisorToo) {
        if (who == null || !who.isAuthenticated()) {
            return false;
        }
        boolean admin = has(who, Role.ADMIN);
        boolean supervisor = supervisorToo && has(who, Role.SUPERVISOR);
        boolean self = agent != null && has(who, Role.AGENT) && agent.equals(who.getName());
        return admin || supervisor || self;
    }

    private static AuthorizationDecision decide(Supplier<Authentication> who, String agent, boolean supervisorToo) {
        return new AuthorizationDecision(allowed(who.get(), agent, supervisorToo));
    }

    private static String agentOf(RequestAuthorizationContext context) {
        return context.getVariables().get("agent");
    }

    private static boolean has(Authentication who, Role role) {
        for (GrantedAuthority authority : who.getAuthorities()) {
            if (role.authority().equals(authority.getAuthority())) {
                return true;
            }
        }
        return false;
    }

    private static RequestMatcher any(String... patterns) {
        RequestMatcher[] matchers = new RequestMatcher[patterns.length];
        for (int i = 0; i < patterns.length; i++) {
            matchers[i] = PATH.matcher(patterns[i]);
        }
        return new OrRequestMatcher(matchers);
    }
}
