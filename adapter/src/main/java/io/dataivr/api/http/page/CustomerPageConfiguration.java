package io.dataivr.api.http.page;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The reference customer page, {@value #PAGE}: static files ({@code static/app/}: the page, and the
 * web SDK and JsSIP the build copies from {@code web-sdk/dist/}). It is the customer's page, so
 * nobody signs in to it: the session it opens is proved by a customer token (or demo mode), as any
 * app's. Its own chain gives it the headers a page needs: a Content-Security-Policy that runs only
 * the adapter's own scripts and styles (no inline script, nothing from elsewhere) and lets it open
 * WebSockets (the IP channel on this origin, Asterisk's SIP WebSocket on its own port), {@code
 * nosniff}, no framing, no referrer, the microphone for this origin only, and revalidation on every
 * load ({@code no-cache}: a new build is seen at once, an unchanged file costs a 304). The same chain
 * serves {@value #SHARED} ({@code static/common/}): the files every page shares (the words' functions,
 * the base stylesheet), public like the customer page's own, for the sign-in and people's pages too.
 */
@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class CustomerPageConfiguration implements WebMvcConfigurer {

    static final String PAGE = "/app/";
    static final String SHARED = "/common/";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; media-src 'self' blob:; connect-src 'self' ws: wss:; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";
    static final String PERMISSIONS_POLICY = "microphone=(self), camera=(), geolocation=(), payment=(), usb=()";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/app", PAGE);
        registry.addViewController(PAGE).setViewName("forward:" + PAGE + "index.html");
    }

    @Bean
    @Order(4)
    SecurityFilterChain customerPageSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher("/app", "/app/**", SHARED + "**")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .contentTypeOptions(o -> { })
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                        .cacheControl(c -> c.disable())
                        .addHeaderWriter(new StaticHeadersWriter("Cache-Control", "no-cache"))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY)))
                .build();
    }
}
