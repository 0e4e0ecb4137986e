package io.dataivr.api.http;

import io.dataivr.menu.InvalidMenuFile;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.dataivr.session.consult.SessionSecretRequired;
import io.dataivr.system.DomainException;
import java.util.Map;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Maps every domain error, once, to a problem detail with its stable code. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Map<String, HttpStatus> STATUS = Map.ofEntries(
            Map.entry("AGENT_STATE_CONFLICT", HttpStatus.CONFLICT),
            Map.entry("NO_CALL", HttpStatus.CONFLICT),
            Map.entry("MENU_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("MENU_VERSION_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("MENU_FILE_INVALID", HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry("SESSION_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("SESSION_EXPIRED", HttpStatus.GONE),
            Map.entry("ITEM_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("AGENT_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("CALL_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("CALL_NOT_TAKEN", HttpStatus.FORBIDDEN),
            Map.entry("ASTERISK_UNAVAILABLE", HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry("STORE_UNAVAILABLE", HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry("CALL_IN_PROGRESS", HttpStatus.CONFLICT),
            Map.entry("ALREADY_AT_TOP", HttpStatus.CONFLICT),
            Map.entry("STALE_CHOICE", HttpStatus.CONFLICT),
            Map.entry("TOKEN_REQUIRED", HttpStatus.UNAUTHORIZED),
            Map.entry("SESSION_SECRET_REQUIRED", HttpStatus.UNAUTHORIZED),
            Map.entry("TOKEN_INVALID", HttpStatus.UNAUTHORIZED),
            Map.entry("TOKEN_EXPIRED", HttpStatus.UNAUTHORIZED),
            Map.entry("TOKEN_REPLAYED", HttpStatus.UNAUTHORIZED),
            Map.entry("DEMO_DISABLED", HttpStatus.NOT_FOUND),
            Map.entry("RATE_LIMITED", HttpStatus.TOO_MANY_REQUESTS),
            Map.entry("FRAME_TOO_LARGE", HttpStatus.PAYLOAD_TOO_LARGE));

    @ExceptionHandler(DomainException.class)
    ProblemDetail domain(DomainException e) {
        ProblemDetail problem = problem(STATUS.getOrDefault(e.code(), HttpStatus.BAD_REQUEST), e.code(), e.getMessage());
        if (e instanceof InvalidMenuFile invalid) {
            problem.setProperty("errors", invalid.errors());
        }
        return problem;
    }

    /** A 401 names the scheme that would be let in (RFC 9110 11.6.1): the session's secret as a bearer token. */
    @ExceptionHandler(SessionSecretRequired.class)
    ResponseEntity<ProblemDetail> secretRequired(SessionSecretRequired e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"DataIVR session\"")
                .body(domain(e));
    }

    /** The body is not JSON, or a field has the wrong JSON type: as MALFORMED_MESSAGE on the WebSocket. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (tooLarge(e) != null) {
            return bodyTooLarge(tooLarge(e));
        }
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().get(0).getFieldName();
            return problem(HttpStatus.BAD_REQUEST, "INVALID_FIELD", "\"" + field + "\" has the wrong JSON type");
        }
        return problem(HttpStatus.BAD_REQUEST, "MALFORMED_MESSAGE", "the body is not the JSON object expected");
    }

    /** A body over dataivr.rest.max-body-bytes, found while it was read (RestLimitsFilter). */
    @ExceptionHandler(RequestBodyTooLarge.class)
    ProblemDetail bodyTooLarge(RequestBodyTooLarge e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "FRAME_TOO_LARGE", e.getMessage());
    }

    private static RequestBodyTooLarge tooLarge(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLarge tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    /** A body Jackson cannot bind though it is JSON, e.g. a record field given twice. */
    @ExceptionHandler(HttpMessageConversionException.class)
    ProblemDetail unconvertible(HttpMessageConversionException e) {
        if (e instanceof HttpMessageNotWritableException) {
            return problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "the answer could not be written");
        }
        return problem(HttpStatus.BAD_REQUEST, "MALFORMED_MESSAGE", "the body is not the JSON object expected");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        org.springframework.validation.FieldError missing = e.getBindingResult().getFieldErrors().stream()
                .filter(f -> f.getRejectedValue() == null).findFirst().orElse(null);
        if (missing != null) {
            // A required field left out: as on the WebSocket (choose without key), MALFORMED_MESSAGE.
            return problem(HttpStatus.BAD_REQUEST, "MALFORMED_MESSAGE", "\"" + missing.getField() + "\" is required");
        }
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage()).findFirst().orElse("a field is invalid");
        return problem(HttpStatus.BAD_REQUEST, "INVALID_FIELD", detail);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "INVALID_FIELD", "\"" + e.getName() + "\" has the wrong form");
    }

    /** 415: the detail and the Accept header name the content types this endpoint takes. */
    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        // A JSON endpoint also lists the other converters' types (YAML, *+json): name only JSON then.
        List<MediaType> supported = e.getSupportedMediaTypes().contains(MediaType.APPLICATION_JSON)
                ? List.of(MediaType.APPLICATION_JSON) : e.getSupportedMediaTypes();
        String types = supported.isEmpty() ? "no body" : MediaType.toString(supported);
        HttpHeaders headers = new HttpHeaders();
        if (!supported.isEmpty()) {
            headers.setAccept(supported);
        }
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers)
                .body(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "send " + types));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers)
                .body(problem(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", e.getMethod() + " is not allowed here"
                        + (e.getSupportedMethods() == null ? "" : "; allowed: " + String.join(", ", e.getSupportedMethods()))));
    }

    /** An unknown URL or sub-path. */
    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ProblemDetail notFound(Exception e) {
        return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "no such resource");
    }

    /** A path id that is blank once decoded ("/api/v1/sessions/%20/menu"), or a missing parameter. */
    @ExceptionHandler({MissingPathVariableException.class, MissingServletRequestParameterException.class})
    ProblemDetail missingParameter(ServletRequestBindingException e) {
        String name = e instanceof MissingPathVariableException path ? path.getVariableName()
                : ((MissingServletRequestParameterException) e).getParameterName();
        return problem(HttpStatus.BAD_REQUEST, "INVALID_FIELD", "\"" + name + "\" is missing or blank");
    }

    /**
     * The request accepts none of the types the endpoint answers in. Every /api mapping declares what
     * it produces, so this is decided while the request is matched, before the endpoint runs: nothing
     * has changed. The problem detail itself is sent as application/problem+json.
     */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ProblemDetail notAcceptable(HttpMediaTypeNotAcceptableException e) {
        String types = e.getSupportedMediaTypes().isEmpty() ? MediaType.APPLICATION_JSON_VALUE
                : e.getSupportedMediaTypes().stream().map(MediaType::toString).distinct()
                        .collect(java.util.stream.Collectors.joining(", "));
        return problem(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", "this endpoint answers in " + types
                + " (errors in application/problem+json): send an Accept header that allows it, or none");
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(code);
        problem.setProperty("code", code);
        return problem;
    }
}
