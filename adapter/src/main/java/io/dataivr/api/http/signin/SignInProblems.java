package io.dataivr.api.http.signin;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.MissingCsrfTokenException;

/**
 * How a refused request of a person is answered (docs/sign-in.md). A page (/agent/, /wallboard/)
 * nobody signed in to goes to /login (with {@code ?error=expired} when its session ended); an API or
 * socket gets a problem detail with a stable code: AGENT_AUTH_REQUIRED (the agent endpoints, as
 * before) or SIGNIN_REQUIRED, SESSION_EXPIRED, ACCOUNT_LOCKED (with Retry-After), SIGNIN_UNAVAILABLE,
 * AGENT_FORBIDDEN / ROLE_FORBIDDEN, CSRF_TOKEN_MISSING / CSRF_TOKEN_INVALID. A 401 carries an HTTP
 * Basic challenge for scripts, but not to a browser's fetch (Sec-Fetch-Mode or X-Requested-With),
 * which would otherwise pop up the browser's own password dialog.
 */
final class SignInProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String AGENT_REALM = "DataIVR agents";
    static final String REALM = "DataIVR";
    private static final String FORBIDDEN_PAGE = """
            <!doctype html><html lang="en"><meta charset="utf-8"><title>403</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <p>You may not open this page with this user. 此用户无权打开此页面。</p>
            <p><a href="/login">Sign in as someone else / 切换用户</a></p></html>
            """;

    private final ObjectMapper json;
    private final Clock clock;

    SignInProblems(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean expired = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
        if (AccessRules.PAGES.matches(request)) {
            response.sendRedirect(request.getContextPath() + "/login" + (expired ? "?error=expired" : ""));
            return;
        }
        if (e instanceof AccountLocked locked) {
            long seconds = Math.max(1, Duration.between(clock.instant(), locked.until()).toSeconds());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            ProblemDetail problem = problem(HttpStatus.UNAUTHORIZED, "ACCOUNT_LOCKED", "this user is locked after too "
                    + "many wrong passwords; it may sign in again in " + minutes(seconds) + " (or an admin removes "
                    + "and adds it again)");
            problem.setProperty("lockedUntil", locked.until().toString());
            write(request, response, problem);
            return;
        }
        if (e instanceof AuthenticationServiceException) {
            write(request, response, problem(HttpStatus.SERVICE_UNAVAILABLE, "SIGNIN_UNAVAILABLE",
                    "passwords cannot be checked now (the database does not answer); try again shortly"));
            return;
        }
        if (expired) {
            write(request, response, problem(HttpStatus.UNAUTHORIZED, "SESSION_EXPIRED",
                    "the session ended (signed out, timed out or the user was removed): sign in again at /login"));
            return;
        }
        boolean agentApi = AccessRules.AGENT_API.matches(request);
        write(request, response, problem(HttpStatus.UNAUTHORIZED, agentApi ? "AGENT_AUTH_REQUIRED" : "SIGNIN_REQUIRED",
                agentApi ? "the agent endpoints need the agent's name and password (HTTP Basic) or a signed-in session"
                        : "sign in first (/login), or send a name and password (HTTP Basic)"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (e instanceof CsrfException) {
            boolean missing = e instanceof MissingCsrfTokenException
                    || request.getHeader("X-XSRF-TOKEN") == null && request.getParameter("_csrf") == null;
            if (AccessRules.SIGN_IN.matches(request)) {
                response.sendRedirect(request.getContextPath() + "/login?error=csrf");
                return;
            }
            write(request, response, problem(HttpStatus.FORBIDDEN, missing ? "CSRF_TOKEN_MISSING" : "CSRF_TOKEN_INVALID",
                    "a change from a signed-in page needs header X-XSRF-TOKEN equal to cookie XSRF-TOKEN "
                            + (missing ? "(none was sent)" : "(it differs)") + "; nothing was changed"));
            return;
        }
        if (AccessRules.PAGES.matches(request)) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
            response.getOutputStream().write(FORBIDDEN_PAGE.getBytes(StandardCharsets.UTF_8));
            return;
        }
        boolean agentApi = AccessRules.AGENT_API.matches(request);
        write(request, response, problem(HttpStatus.FORBIDDEN, agentApi ? "AGENT_FORBIDDEN" : "ROLE_FORBIDDEN",
                agentApi ? "an agent may use only its own endpoints and screen (a supervisor may watch every agent, "
                        + "pause it and log it out)" : "this needs a supervisor or the admin"));
    }

    private static String minutes(long seconds) {
        long minutes = (seconds + 59) / 60;
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(code);
        problem.setProperty("code", code);
        return problem;
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value() && !fromBrowserScript(request)) {
            String realm = AccessRules.AGENT_API.matches(request) ? AGENT_REALM : REALM;
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }

    /** A page's fetch or XHR (not a navigation, not a script): no Basic challenge for it. */
    private static boolean fromBrowserScript(HttpServletRequest request) {
        String mode = request.getHeader("Sec-Fetch-Mode");
        return "XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
                || mode != null && !"navigate".equals(mode);
    }
}
