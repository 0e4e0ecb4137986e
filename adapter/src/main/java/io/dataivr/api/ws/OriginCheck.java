package io.dataivr.api.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;

/**
 * Refuses a WebSocket handshake from a web page of another origin before the upgrade (cross-site
 * WebSocket hijacking: a page the victim visits opening the channel with the victim's browser):
 * 403 with a problem detail, code {@code ORIGIN_NOT_ALLOWED}. Allowed: a handshake with no
 * {@code Origin} header (native apps, the Java SDK: no browser), one from the adapter's own origin
 * (scheme, host and port of the request's {@code Host}), and one whose origin matches
 * {@code dataivr.channel.allowed-origins}.
 */
final class OriginCheck extends OriginHandshakeInterceptor {

    static final String CODE = "ORIGIN_NOT_ALLOWED";
    private static final Logger log = LoggerFactory.getLogger(OriginCheck.class);

    private final ObjectMapper json;

    OriginCheck(List<String> allowedOriginPatterns, ObjectMapper json) {
        this.json = json;
        setAllowedOriginPatterns(allowedOriginPatterns);
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) throws Exception {
        if (super.beforeHandshake(request, response, handler, attributes)) {
            return true;
        }
        log.info("refused a WebSocket handshake on {} from a page of another origin", request.getURI().getPath());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "WebSocket handshakes from this page's origin are not allowed (dataivr.channel.allowed-origins)");
        problem.setTitle(CODE);
        problem.setProperty("code", CODE);
        problem.setInstance(URI.create(request.getURI().getRawPath()));
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        try {
            response.getBody().write(json.writeValueAsBytes(problem));
        } catch (IOException e) {
            log.debug("could not write the refusal's body: {}", e.getMessage());
        }
        return false;
    }
}
