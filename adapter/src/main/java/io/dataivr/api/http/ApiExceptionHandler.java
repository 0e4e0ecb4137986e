package io.dataivr.api.http;

import io.dataivr.menu.InvalidMenuFile;
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
            Map.entry("MENU_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("MENU_VERSION_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("MENU_FILE_INVALID", HttpStatus.UNPROCESSABLE_ENTITY),
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
        if (e instanceof InvalidMenuFile invalid) {
            problem.setProperty("errors", invalid.errors());
        }
        return problem;
    }
}
