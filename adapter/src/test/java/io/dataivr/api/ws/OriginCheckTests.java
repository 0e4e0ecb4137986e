package io.dataivr.api.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletResponse;

class OriginCheckTests {

    /** As Spring Boot builds it: with the mixin that writes a problem detail's properties at the top. */
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    @Test
    void withNoAllowedOriginsOnlyTheAdaptersOwnOriginAndNoOriginArePassed() throws Exception {
        OriginCheck check = new OriginCheck(List.of(), JSON);
        assertThat(passes(check, null)).as("no Origin: not a browser").isTrue();
        assertThat(passes(check, "http://127.0.0.1:8080")).as("same origin").isTrue();
        assertThat(passes(check, "http://127.0.0.1:8081")).as("another port").isFalse();
        assertThat(passes(check, "https://127.0.0.1:8080")).as("another scheme").isFalse();
        assertThat(passes(check, "https://evil.example")).isFalse();
        assertThat(passes(check, "null")).as("a sandboxed page or a file").isFalse();
    }

    @Test
    void configuredOriginsArePassedToo() throws Exception {
        OriginCheck check = new OriginCheck(List.of("https://app.example.com", "http://localhost:[*]"), JSON);
        assertThat(passes(check, "https://app.example.com")).isTrue();
        assertThat(passes(check, "http://localhost:5173")).isTrue();
        assertThat(passes(check, "http://127.0.0.1:8080")).as("still its own").isTrue();
        assertThat(passes(check, "https://app.example.com.evil.example")).isFalse();
    }

    @Test
    void aRefusalIs403WithAProblemDetailAndItsCode() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        boolean passed = new OriginCheck(List.of(), JSON).beforeHandshake(request("https://evil.example"),
                new ServletServerHttpResponse(response), null, new HashMap<>());
        assertThat(passed).isFalse();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(response.getContentAsByteArray());
        assertThat(problem.path("code").asText()).isEqualTo("ORIGIN_NOT_ALLOWED");
        assertThat(problem.path("status").asInt()).isEqualTo(403);
        assertThat(problem.path("instance").asText()).isEqualTo("/ws/v1/consultation");
        assertThat(problem.toString()).doesNotContain("evil");
    }

    private static boolean passes(OriginCheck check, String origin) throws Exception {
        ServletServerHttpResponse response = new ServletServerHttpResponse(new MockHttpServletResponse());
        return check.beforeHandshake(request(origin), response, null, new HashMap<>());
    }

    private static ServletServerHttpRequest request(String origin) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws/v1/consultation");
        request.setServerName("127.0.0.1");
        request.setServerPort(8080);
        request.addHeader("Host", "127.0.0.1:8080");
        if (origin != null) {
            request.addHeader("Origin", origin);
        }
        return new ServletServerHttpRequest(request);
    }
}
