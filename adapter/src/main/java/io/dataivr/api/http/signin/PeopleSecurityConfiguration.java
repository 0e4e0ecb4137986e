package io.dataivr.api.http.signin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.api.http.agentauth.AgentAuthProperties;
import io.dataivr.api.http.agentauth.AgentPasswords;
import io.dataivr.api.http.security.AdminProperties;
import io.dataivr.api.http.security.PasswordCheckProperties;
import io.dataivr.api.http.security.RememberedPasswords;
import io.dataivr.signin.ConsoleUserStore;
import io.dataivr.signin.SignInLockout;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * People's security (docs/sign-in.md): who they are ({@link PeopleDirectory}), how their passwords
 * are checked (with the lock-out, {@link LockoutAuthentication}), and two chains over the same paths
 * and the same rules ({@link AccessRules}):
 * <ul>
 * <li>scripts: a request that carries {@code Authorization: Basic} is HTTP Basic, stateless, without
 * CSRF (a browser never sends that header to another site on its own), exactly as the agent endpoints
 * always were;</li>
 * <li>browsers: everything else is the session of the sign-in form ({@code /login}), cookie
 * {@code JSESSIONID} (HttpOnly, SameSite=Lax, server.servlet.session.*; the session is kept in PostgreSQL
 * by Spring Session, store.pg.PgHttpSessionConfiguration, so it outlives a restart and every node knows it),
 * with CSRF on every state-changing request (cookie {@code XSRF-TOKEN}, echoed in header
 * {@code X-XSRF-TOKEN}).</li>
 * </ul>
 */
@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AgentAuthProperties.class)
class PeopleSecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self' ws: wss:; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    private static final Logger log = LoggerFactory.getLogger(PeopleSecurityConfiguration.class);
    private static final RequestMatcher BASIC = request -> {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    };

    /**
     * A change needs the token when it rides on a session (the only thing a forged request can borrow)
     * and on the sign-in form itself; a change from nobody, without a session, is simply not signed in
     * (401, as a script without credentials always got), not a CSRF refusal.
     */
    private static final RequestMatcher CSRF_NEEDED = new AndRequestMatcher(CsrfFilter.DEFAULT_CSRF_MATCHER,
            new OrRequestMatcher(AccessRules.SIGN_IN, request -> request.getSession(false) != null));

    /** The people's users and password checks, shared by both chains (one remembered-password cache). */
    record People(PeopleDirectory directory, AuthenticationManager manager) {
    }

    @Bean
    People people(AgentAuthProperties agents, AdminProperties admin, UserDetailsService adminUsers,
            ConsoleUserStore table, SignInLockout lockout, PasswordCheckProperties passwordCheck) {
        Map<String, String> agentHashes = AgentPasswords.read(agents);
        PeopleDirectory directory = new PeopleDirectory(agentHashes, admin.configured() ? admin.username() : null,
                adminUsers, table);
        try {
            directory.requireNoNameTwice();
            int inTable = table.list().size();
            log.info("people sign in from the settings ({} agent(s){}) and the users table ({} user(s))",
                    agentHashes.size(), admin.configured() ? " and the admin" : "", inTable);
            if (inTable == 0 && directory.configuredNames().isEmpty()) {
                log.warn("nobody can sign in yet (pages, agent and wallboard APIs answer 401): add users with "
                        + "./dataivr user add NAME --role agent|supervisor|admin, or set dataivr.agent-auth.password-file "
                        + "(NAME:HASH lines) or DATAIVR_ADMIN_USERNAME/_PASSWORD_HASH; see docs/sign-in.md");
            }
        } catch (DataAccessException e) {
            log.warn("the users table could not be read at start ({}); names defined twice are refused when used",
                    e.getClass().getSimpleName());
        }
        LockoutAuthentication checks = new LockoutAuthentication(
                RememberedPasswords.provider(directory, passwordCheck.remember()), lockout, directory);
        return new People(directory, new ProviderManager(checks));
    }

    @Bean
    SignInProblems signInProblems(ObjectMapper json, Clock clock) {
        return new SignInProblems(json, clock);
    }

    /** Scripts: HTTP Basic on the people's APIs and sockets, stateless, no CSRF. */
    @Bean
    @Order(2)
    SecurityFilterChain peopleBasicSecurity(HttpSecurity http, People people, SignInProblems problems)
            throws Exception {
        return http.securityMatcher(new AndRequestMatcher(AccessRules.API, BASIC))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authenticationManager(people.manager())
                .authorizeHttpRequests(AccessRules::apply)
                .httpBasic(b -> b.realmName(SignInProblems.AGENT_REALM).authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /** Browsers: the sign-in page, the session, CSRF; pages redirect to /login, APIs answer problems. */
    @Bean
    @Order(6)
    SecurityFilterChain peopleSessionSecurity(HttpSecurity http, People people, SignInProblems problems, Clock clock)
            throws Exception {
        HttpSessionRequestCache pages = new HttpSessionRequestCache();
        pages.setRequestMatcher(new AndRequestMatcher(AccessRules.PAGES,
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/**")));
        FormSignIn form = new FormSignIn(pages, clock);
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return http.securityMatcher(AccessRules.ALL)
                .authenticationManager(people.manager())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .requestCache(c -> c.requestCache(pages))
                .csrf(c -> c.csrfTokenRepository(tokens).csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(CSRF_NEEDED))
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(f -> f.loginPage("/login").loginProcessingUrl("/login").successHandler(form)
                        .failureHandler(form).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessHandler(form).deleteCookies("JSESSIONID"))
                .authorizeHttpRequests(AccessRules::apply)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }
}
