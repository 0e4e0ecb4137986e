package io.dataivr.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The problem detail every REST error is answered with: title and {@code code} are the stable code
 * (docs/protocol.md, Errors). Also used where no controller is reached (filters, the error page, Tomcat).
 */
public final class Problems {

    /** Spring's builder adds the mix-in that writes a problem's properties (code) at the top level. */
    private static final ObjectMapper JSON = org.springframework.http.converter.json.Jackson2ObjectMapperBuilder.json().build();

    private Problems() {
    }

    public static ProblemDetail of(int status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        problem.setTitle(code);
        problem.setProperty("code", code);
        return problem;
    }

    /** The code of an error no domain code names: what the HTTP status says. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "MALFORMED_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "FRAME_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "RATE_LIMITED";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "MALFORMED_REQUEST";
        };
    }

    /** What {@link #codeFor} stands for, said to the client. */
    public static String detailFor(int status) {
        return switch (status) {
            case 400 -> "the request is malformed (request line, path or headers)";
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed here";
            case 413 -> "the request body is too large";
            case 415 -> "this content type is not accepted here";
            default -> HttpStatus.resolve(status) == null ? "error " + status : HttpStatus.resolve(status).getReasonPhrase();
        };
    }

    /** Writes {@code problem} as application/problem+json, unless the response is already committed. */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        byte[] body = JSON.writeValueAsBytes(problem);
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }
}
