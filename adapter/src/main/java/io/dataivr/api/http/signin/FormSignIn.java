package io.dataivr.api.http.signin;

import io.dataivr.signin.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * Where the sign-in form leads: after a success to the page the person asked for (a saved page
 * request it may open) or its home, {@code /agent/} for an agent and {@code /wallboard/} for a
 * supervisor or the admin; after a failure back to {@code /login?error=bad|locked|unavailable} (the page
 * words it); after signing out to {@code /login?signed-out} (a page's fetch gets 204).
 */
final class FormSignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler, LogoutSuccessHandler {

    static final String AGENT_HOME = "/agent/";
    static final String SUPERVISOR_HOME = "/wallboard/";
    private static final Logger log = LoggerFactory.getLogger(FormSignIn.class);

    private final RequestCache saved;
    private final Clock clock;

    FormSignIn(RequestCache saved, Clock clock) {
        this.saved = saved;
        this.clock = clock;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication who) throws IOException {
        log.info("{} signed in ({})", who.getName(), who.getAuthorities());
        SavedRequest asked = saved.getRequest(request, response);
        saved.removeRequest(request, response);
        String home = home(who);
        if (asked != null) {
            // The saved request is this server's own page (only /agent/ and /wallboard/ GETs are saved); an
            // agent who was sent from the wallboard goes to its console instead of a 403.
            String path = URI.create(asked.getRedirectUrl()).getRawPath();
            boolean supervising = path != null && path.startsWith(request.getContextPath() + "/wallboard");
            if (!supervising || SUPERVISOR_HOME.equals(home)) {
                response.sendRedirect(asked.getRedirectUrl());
                return;
            }
        }
        response.sendRedirect(request.getContextPath() + home);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException e) throws IOException {
        String error;
        if (e instanceof AccountLocked locked) {
            long minutes = Math.max(1, (Duration.between(clock.instant(), locked.until()).toSeconds() + 59) / 60);
            error = "locked&minutes=" + minutes;
        } else if (e instanceof AuthenticationServiceException) {
            error = "unavailable";
        } else {
            error = "bad";
        }
        response.sendRedirect(request.getContextPath() + "/login?error=" + error);
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response, Authentication who)
            throws IOException {
        if (who != null) {
            log.info("{} signed out", who.getName());
        }
        if ("XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.sendRedirect(request.getContextPath() + "/login?signed-out");
    }

    /** An agent's home is its console; a supervisor's and the admin's the wallboard. */
    static String home(Authentication who) {
        boolean watches = who.getAuthorities().stream().anyMatch(a -> Role.SUPERVISOR.authority().equals(a.getAuthority())
                || Role.ADMIN.authority().equals(a.getAuthority()));
        return watches ? SUPERVISOR_HOME : AGENT_HOME;
    }
}
