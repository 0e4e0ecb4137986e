package io.dataivr.api.http;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.dataivr.api.Views;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.consult.ConnectionlessSessions;
import io.dataivr.session.consult.ConsultRequest;
import io.dataivr.session.device.DeviceKind;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The IP channel's REST equivalents, for clients that cannot keep a WebSocket open. A session opened
 * here expires after {@code dataivr.session.rest-idle-timeout} without a request (SESSION_EXPIRED).
 * Every request on a session carries the secret its start answered with ({@code Authorization: Bearer});
 * every mapping declares what it produces, so an unacceptable {@code Accept} is refused before it runs.
 */
@Profile("!admin")
@RestController
@RequestMapping(path = "/api/v1/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "consultation", description = "the IP channel's REST equivalents (docs/protocol.md); errors are problem"
        + " details with the channel's stable code. A session opened here that gets no request for"
        + " dataivr.session.rest-idle-timeout (30 min) expires: 410 SESSION_EXPIRED. A request on a session sends"
        + " the secret its start answered with as a bearer token: none, 401 SESSION_SECRET_REQUIRED; a wrong one (or"
        + " a WebSocket session's id), 404 SESSION_NOT_FOUND. An Accept that allows no application/json: 406"
        + " NOT_ACCEPTABLE, before anything changes. 503 STORE_UNAVAILABLE: Redis"
        + " (used customer-token ids) does not answer")
class ConsultationController {

    private static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "Bearer ";

    private final ConnectionlessSessions sessions;


    ConsultationController(ConnectionlessSessions sessions) {
        this.sessions = sessions;
    }

    record StartRequest(@JsonDeserialize(using = StrictString.class) @Size(max = 64) String menu,
            @JsonDeserialize(using = StrictString.class) @Size(max = 35) String language,
            @JsonDeserialize(using = StrictString.class) @Size(max = 128) String client,
            @JsonDeserialize(using = StrictString.class) @Size(max = 1024) String token,
            @Schema(description = "true: the session answer carries the device's SIP account (sip), to register"
                    + " before any voice request (only when the menu has a voice item)") Boolean sipAccount,
            @Schema(description = "the device's SIP phone: sip (an app, the default) or webrtc (a browser)",
                    allowableValues = {"sip", "webrtc"})
            @JsonDeserialize(using = StrictString.class) @Size(max = 16) String device) {
    }

    record DemoTokenRequest(
            @JsonDeserialize(using = StrictString.class) @NotBlank @Size(min = 1, max = 128) String client) {
    }

    record DemoToken(String token) {
    }

    /** {@code secret}: the session's bearer secret, shown in this answer only. */
    record Started(Views.SessionView session, Views.MenuView menu, String secret) {

        @Override
        public String toString() {
            return "Started[session=" + session.session() + ", secret=(hidden)]";
        }
    }

    /** {@code path}, when given, is the level the app was showing (STALE_CHOICE if the session moved). */
    record ChooseRequest(@JsonDeserialize(using = StrictString.class) @NotBlank @Size(min = 1, max = 8) String key,
            @JsonDeserialize(contentUsing = StrictString.class) @Size(max = 16) java.util.List<@Size(max = 8) String> path) {
    }

    /** The answer carries the session's secret: no cache keeps it (Cache-Control: no-store). */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(responseCode = "201", description = "the session and its top menu level")
    @Fails(status = 400, codes = {"MALFORMED_MESSAGE", "INVALID_FIELD"},
            when = "not JSON or a required field missing; a field invalid")
    @Fails(status = 401, codes = {"TOKEN_REQUIRED", "TOKEN_INVALID", "TOKEN_EXPIRED", "TOKEN_REPLAYED"},
            when = "the customer token")
    @Fails(status = 404, codes = "MENU_NOT_FOUND")
    @Fails(status = 503, codes = "STORE_UNAVAILABLE", when = "the used-token store (Redis) does not answer")
    ResponseEntity<Started> start(@Valid @RequestBody(required = false) StartRequest request,
            @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage) {
        StartRequest body = request == null ? new StartRequest(null, null, null, null, null, null) : request;
        ConnectionlessSessions.Opened opened = sessions.start(new ConsultRequest(body.menu(), body.language(),
                acceptLanguage, body.token(), body.client(), Boolean.TRUE.equals(body.sipAccount()),
                DeviceKind.fromWire(body.device())));
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(new Started(Views.SessionView.of(opened.session(), null, null, opened.sipAccount()),
                        Views.MenuView.of(opened.level()),
                        opened.secret()));
    }

    @Refusals.OnSession
    @GetMapping("/{id}/menu")
    @ApiResponse(responseCode = "200", description = "the session's current menu level")
    Views.MenuView menu(@PathVariable UUID id,
            @Parameter(hidden = true) @RequestHeader(name = AUTHORIZATION, required = false) String auth) {
        return Views.MenuView.of(sessions.level(id, bearer(auth)));
    }

    @Refusals.OnSession
    @PostMapping("/{id}/choices")
    @ApiResponse(responseCode = "200", description = "a menu level (a sub-menu), a content or a voice request",
            content = @Content(schema = @Schema(oneOf = {Views.MenuView.class, Views.ContentView.class,
                    Views.VoiceView.class})))
    @Fails(status = 400, codes = {"MALFORMED_MESSAGE", "INVALID_FIELD"},
            when = "not JSON or a required field missing; a field invalid")
    @Fails(status = 404, codes = "ITEM_NOT_FOUND")
    @Fails(status = 409, codes = {"STALE_CHOICE", "CALL_IN_PROGRESS"},
            when = "the session has left path; a voice item during a call")
    @Fails(status = 503, codes = {"ASTERISK_UNAVAILABLE", "STORE_UNAVAILABLE"},
            when = "a voice item could not be served")
    Views.Message choose(@PathVariable UUID id,
            @Parameter(hidden = true) @RequestHeader(name = AUTHORIZATION, required = false) String auth,
            @Valid @RequestBody ChooseRequest request) {
        ChoiceOutcome outcome = sessions.choose(id, bearer(auth), request.key(), request.path());
        Views.Message message = Views.of(outcome);
        if (outcome instanceof ChoiceOutcome.ContentShown content) {
            sessions.contentSent(id, content);
        }
        return message;
    }

    @Refusals.OnSession
    @PostMapping("/{id}/back")
    @ApiResponse(responseCode = "200", description = "the level above")
    @Fails(status = 409, codes = "ALREADY_AT_TOP")
    Views.MenuView back(@PathVariable UUID id,
            @Parameter(hidden = true) @RequestHeader(name = AUTHORIZATION, required = false) String auth) {
        return Views.MenuView.of(sessions.back(id, bearer(auth)));
    }

    /** Hangs up the session's call or gives up waiting; the end is reported like any call end. */
    @Refusals.OnSession
    @DeleteMapping("/{id}/call")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "202", description = "the hang-up is under way; the call's end is reported as usual")
    @Fails(status = 409, codes = "NO_CALL", when = "the session has no call")
    @Fails(status = 503, codes = "ASTERISK_UNAVAILABLE")
    void hangUp(@PathVariable UUID id,
            @Parameter(hidden = true) @RequestHeader(name = AUTHORIZATION, required = false) String auth) {
        sessions.hangUp(id, bearer(auth));
    }

    @Refusals.OnSession
    @DeleteMapping("/{id}")
    @ApiResponse(responseCode = "200", description = "the session's end record")
    Views.EndedView end(@PathVariable UUID id,
            @Parameter(hidden = true) @RequestHeader(name = AUTHORIZATION, required = false) String auth) {
        return Views.EndedView.of(sessions.end(id, bearer(auth)));
    }

    /**
     * The session secret of an {@code Authorization: Bearer SECRET} header (the scheme in any case), or
     * null when there is none or it uses another scheme (SESSION_SECRET_REQUIRED).
     */
    static String bearer(String authorization) {
        if (authorization == null || authorization.length() < BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String secret = authorization.substring(BEARER.length()).strip();
        return secret.isEmpty() ? null : secret;
    }

    /** Demo mode only (DEMO_DISABLED otherwise): mints a customer token as a company's backend would. */
    @PostMapping("/demo-tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(responseCode = "201", description = "a customer token for client")
    @Fails(status = 400, codes = {"MALFORMED_MESSAGE", "INVALID_FIELD"},
            when = "not JSON or a required field missing; a field invalid")
    @Fails(status = 404, codes = "DEMO_DISABLED", when = "the adapter is not in demo mode")
    DemoToken demoToken(@Valid @RequestBody DemoTokenRequest request) {
        return new DemoToken(sessions.demoToken(request.client()));
    }
}
