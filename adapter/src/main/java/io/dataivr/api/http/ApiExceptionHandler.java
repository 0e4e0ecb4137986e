package io.dataivr.api.http;

import io.dataivr.system.DomainException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps every domain error, once, to a problem detail with its stable code. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Map<String, HttpStatus> STATUS = Map.ofEntries(
            Map.entry("AGENT_STATE_CONFLICT", HttpStatus.CONFLICT),
            Map.entry("NO_CALL", HttpStatus.CONFLICT),
            Map.entry("MENU_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("SESSION_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("ITEM_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("AGENT_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("ASTERISK_UNAVAILABLE", HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry("CALL_IN_PROGRESS", HttpStatus.CONFLICT),
            Map.entry("ALREADY_AT_TOP", HttpStatus.CONFLICT));

    @ExceptionHandler(DomainException.class)
    ProblemDetail domain(DomainException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                STATUS.getOrDefault(e.code(), HttpStatus.BAD_REQUEST), e.getMessage());
        problem.setTitle(e.code());
        problem.setProperty("code", e.code());
        return problem;
    }
}
