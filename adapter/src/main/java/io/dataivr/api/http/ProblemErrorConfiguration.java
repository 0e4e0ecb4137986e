package io.dataivr.api.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every error answer is a problem detail with a {@code code}, also those no controller gives: the
 * servlet error page (replacing Spring Boot's JSON/HTML one), Spring Security's firewall (an encoded
 * or non-normalized path), and Tomcat itself (a request refused before it reaches the application,
 * e.g. an encoded "/" or "\" in the path).
 */
@Configuration(proxyBeanMethods = false)
class ProblemErrorConfiguration {

    /** The servlet error page: errors sent with sendError, or exceptions no handler mapped. */
    @Controller
    @RequestMapping("${server.error.path:${error.path:/error}}")
    static class ProblemErrorController implements ErrorController {

        @RequestMapping
        void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            int code = status instanceof Integer given && given >= 400 ? given : 404;
            if (exception instanceof RequestRejectedException) {
                code = 400;
            }
            ProblemDetail problem = Problems.of(code, Problems.codeFor(code), Problems.detailFor(code));
            if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
                problem.setInstance(java.net.URI.create(encodeForUri(uri)));
            }
            Problems.write(response, problem);
        }
    }

    /** Spring Security's firewall refusal (e.g. "//", "/./", "%2F", ";"): 400 MALFORMED_REQUEST. */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler() {
        return (request, response, e) -> Problems.write(response,
                Problems.of(400, "MALFORMED_REQUEST", "the request path or headers are refused: " + e.getMessage()));
    }

    /** Tomcat's own error answers (the request never reached the application) as problem details. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
        return new ProblemValveCustomizer();
    }

    /** Runs after Spring Boot's own Tomcat customizer, which installs the plain ErrorReportValve. */
    static final class ProblemValveCustomizer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                host.getPipeline().addValve(new ProblemErrorReportValve());
            });
        }
    }

    private static String encodeForUri(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (c > 0x20 && c < 0x7f && c != '%' && c != '\\' && c != '"' && c != '<' && c != '>' && c != '^'
                    && c != '`' && c != '{' && c != '|' && c != '}') {
                out.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        }
        return out.toString();
    }

    /** Tomcat's error report, as a problem detail instead of an HTML page. */
    public static final class ProblemErrorReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return;
            }
            java.util.concurrent.atomic.AtomicBoolean result = new java.util.concurrent.atomic.AtomicBoolean();
            response.getCoyoteResponse().action(org.apache.coyote.ActionCode.IS_IO_ALLOWED, result);
            if (!result.get() || !response.setErrorReported()) {
                return;
            }
            try {
                Problems.write(response, Problems.of(status, Problems.codeFor(status), Problems.detailFor(status)));
            } catch (IOException | IllegalStateException e) {
                // the connection is gone: nothing to answer
            }
        }
    }
}
