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

    private static final Map<String, HttpStatus> STATUS = Map.of(
            "MENU_NOT_FOUND", HttpStatus.NOT_FOUND,
            "SESSION_NOT_FOUND", HttpStatus.NOT_FOUND,
            "ITEM_NOT_FOUND", HttpStatus.NOT_FOUND,
            "AGENT_NOT_FOUND", HttpStatus.NOT_FOUND,
            "ASTERISK_UNAVAILABLE", HttpStatus.SERVICE_UNAVAILABLE,
            "CALL_IN_PROGRESS", HttpStatus.CONFLICT,
            "ALREADY_AT_TOP", HttpStatus.CONFLICT);

    @ExceptionHandler(DomainException.class)
    ProblemDetail domain(DomainException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                STATUS.getOrDefault(e.code(), HttpStatus.BAD_REQUEST), e.getMessage());
        problem.setTitle(e.code());
        problem.setProperty("code", e.code());
        return problem;
    }
}
