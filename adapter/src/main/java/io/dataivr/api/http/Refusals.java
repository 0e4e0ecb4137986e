package io.dataivr.api.http;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals ({@link Fails}) that whole kinds of endpoints share, by who may call them: the codes of
 * docs/sign-in.md ("Problem codes"), docs/admin-api.md and docs/protocol.md ("Errors").
 */
public final class Refusals {

    private Refusals() {
    }

    /** A request on one REST session ({@code /api/v1/sessions/{id}…}), with the session's secret as a bearer token. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @SecurityRequirement(name = OpenApiConfiguration.SESSION_BEARER)
    @Fails(status = 400, codes = "INVALID_FIELD", when = "the id is not a session id")
    @Fails(status = 401, codes = "SESSION_SECRET_REQUIRED", when = "no Authorization: Bearer with a secret")
    @Fails(status = 404, codes = "SESSION_NOT_FOUND", when = "no such session, or the secret is not its own")
    @Fails(status = 410, codes = "SESSION_EXPIRED", when = "idle longer than dataivr.session.rest-idle-timeout")
    public @interface OnSession {
    }

    /** Any endpoint of people (agents, supervisors, the admin) who signed in or send their password. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.ANNOTATION_TYPE)
    @Fails(status = 401, codes = {"SESSION_EXPIRED", "ACCOUNT_LOCKED"},
            when = "a signed-in session that ended, or a user locked after wrong passwords: docs/sign-in.md")
    @Fails(status = 503, codes = "SIGNIN_UNAVAILABLE", when = "passwords cannot be checked")
    public @interface OfSignedIn {
    }

    /** The agent endpoints (HTTP Basic or a signed-in session); {@link OnAgent} for those of one agent. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @OfSignedIn
    @Fails(status = 401, codes = "AGENT_AUTH_REQUIRED", when = "no or wrong credentials")
    public @interface OfAgents {
    }

    /** An endpoint of one agent ({@code /api/v1/agents/{agent}…}): the agent itself, a supervisor or the admin. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Fails(status = 403, codes = "AGENT_FORBIDDEN",
            when = "another agent's endpoint, or a supervisor acting beyond pause and logout")
    public @interface OnAgent {
    }

    /** A change to an agent who must be logged in (logout, pause, resume, the end of wrap-up). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @OnAgent
    @BrowserChange
    @Fails(status = 400, codes = "AGENT_NAME_INVALID", when = "the agent's name is not 1-64 of [A-Za-z0-9_-]")
    @Fails(status = 404, codes = "AGENT_NOT_FOUND", when = "the agent is not logged in")
    public @interface OnLoggedInAgent {
    }

    /** The supervisors' endpoints (wallboard, reports): a supervisor or the admin. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @OfSignedIn
    @Fails(status = 401, codes = "SIGNIN_REQUIRED", when = "no or wrong credentials")
    @Fails(status = 403, codes = "ROLE_FORBIDDEN", when = "neither a supervisor nor the admin")
    public @interface OfSupervisors {
    }

    /** An endpoint of anyone signed in (agent, supervisor, admin). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @OfSignedIn
    @Fails(status = 401, codes = "SIGNIN_REQUIRED", when = "no or wrong credentials")
    public @interface OfPeople {
    }

    /** The admin API: the configured admin user (HTTP Basic). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Fails(status = 401, codes = "ADMIN_AUTH_REQUIRED", when = "no or wrong admin credentials (HTTP Basic)")
    @Fails(status = 403, codes = "ADMIN_NOT_CONFIGURED", when = "no admin user is configured on this adapter")
    public @interface OfAdmin {
    }

    /** A change (POST) that a signed-in browser session sends with its CSRF token. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Fails(status = 403, codes = {"CSRF_TOKEN_MISSING", "CSRF_TOKEN_INVALID"},
            when = "a signed-in browser session's change without its X-XSRF-TOKEN, or with a wrong one")
    public @interface BrowserChange {
    }
}
