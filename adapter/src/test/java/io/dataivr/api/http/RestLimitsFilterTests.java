package io.dataivr.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.fixtures.SessionFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Issue 13 item 5: the WebSocket's frame size and rate limits over REST. */
class RestLimitsFilterTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
    private final RestLimitsFilter filter = new RestLimitsFilter(
            new RestLimitProperties(4096, 4259840, 20, 40, 10, 60, 1000), clock);
    private final MockMvc mvc = MockMvcBuilders
            .standaloneSetup(new ConsultationController(SessionFixtures.demoConnectionlessSessions(clock)))
            .setControllerAdvice(new ApiExceptionHandler()).addFilter(filter, "/api/v1/*").build();

    @Test
    void aBodyOverTheFrameLimitIs413FrameTooLargeWithOrWithoutContentLength() throws Exception {
        String big = "{\"client\":\"" + "x".repeat(200 * 1024) + "\"}";
        assertThat(problem(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON).content(big), 413))
                .isEqualTo("FRAME_TOO_LARGE");
        assertThat(problem(chunked("/api/v1/sessions", big), 413)).isEqualTo("FRAME_TOO_LARGE");
        assertThat(problem(chunked("/api/v1/sessions/demo-tokens", big), 413)).isEqualTo("FRAME_TOO_LARGE");
        // just under the limit is read as usual
        String under = "{\"client\":\"" + "x".repeat(100) + "\"" + " ".repeat(4096 - 114) + "}";
        assertThat(under.length()).isLessThanOrEqualTo(4096);
        body(perform(chunked("/api/v1/sessions", under)), 201);
    }

    @Test
    void requestsOnASessionBeyondItsBucketAre429RateLimitedWithRetryAfter() throws Exception {
        String id = session();
        for (int i = 0; i < 39; i++) { // the opening took none of the session's 40
            assertThat(perform(menuOf(id)).getStatus()).isEqualTo(200);
        }
        assertThat(perform(menuOf(id)).getStatus()).isEqualTo(200);
        MockHttpServletResponse refused = perform(menuOf(id));
        assertThat(body(refused, 429).path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        // another session has its own bucket
        assertThat(perform(menuOf(session())).getStatus()).isEqualTo(200);

        clock.advance(Duration.ofMillis(100)); // 20/s: two more
        assertThat(perform(menuOf(id)).getStatus()).isEqualTo(200);
    }

    @Test
    void openingSessionsAndDemoTokensAreLimitedPerRemoteAddress() throws Exception {
        for (int i = 0; i < 60; i++) {
            RequestBuilder open = i % 2 == 0 ? openFrom("203.0.113.7")
                    : post("/api/v1/sessions/demo-tokens").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"client\":\"c\"}").with(r -> { r.setRemoteAddr("203.0.113.7"); return r; });
            assertThat(perform(open).getStatus()).isEqualTo(201);
        }
        MockHttpServletResponse refused = perform(openFrom("203.0.113.7"));
        assertThat(body(refused, 429).path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(perform(openFrom("203.0.113.8")).getStatus()).isEqualTo(201);
    }

    @Test
    void idleBucketsAreDroppedOnceFullAgainSoTheirMemoryIsBounded() throws Exception {
        for (int i = 0; i < 50; i++) {
            perform(get("/api/v1/sessions/" + UUID.randomUUID() + "/menu"));
        }
        assertThat(filter.trackedKeys()).isEqualTo(50);
        clock.advance(Duration.ofSeconds(3)); // 40 / 20 per s = 2 s: full again
        perform(get("/api/v1/sessions/" + UUID.randomUUID() + "/menu"));
        assertThat(filter.trackedKeys()).isEqualTo(1);
    }

    @Test
    void pastTheMostTrackedKeysNewKeysAreRefusedNotKept() throws Exception {
        RestLimitsFilter small = new RestLimitsFilter(new RestLimitProperties(4096, 4259840, 20, 40, 10, 60, 16), clock);
        MockMvc limited = MockMvcBuilders
                .standaloneSetup(new ConsultationController(SessionFixtures.demoConnectionlessSessions(clock)))
                .setControllerAdvice(new ApiExceptionHandler()).addFilter(small, "/api/v1/*").build();
        for (int i = 0; i < 16; i++) {
            limited.perform(get("/api/v1/sessions/" + UUID.randomUUID() + "/menu"));
        }
        assertThat(limited.perform(get("/api/v1/sessions/" + UUID.randomUUID() + "/menu")).andReturn().getResponse()
                .getStatus()).isEqualTo(429);
        assertThat(small.trackedKeys()).isEqualTo(16);
    }

    private static RequestBuilder openFrom(String address) {
        return post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON).content("{}")
                .with(r -> { r.setRemoteAddr(address); return r; });
    }

    /** A body sent without Content-Length (chunked). */
    private static RequestBuilder chunked(String path, String body) {
        return context -> {
            MockHttpServletRequest request = new MockHttpServletRequest(context, "POST", path) {
                @Override
                public long getContentLengthLong() {
                    return -1;
                }

                @Override
                public int getContentLength() {
                    return -1;
                }
            };
            request.setContentType(MediaType.APPLICATION_JSON_VALUE);
            request.setContent(body.getBytes(StandardCharsets.UTF_8));
            return request;
        };
    }

    private String session() throws Exception {
        var started = body(perform(openFrom("192.0.2." + (int) (Math.random() * 200))), 201);
        String id = started.path("session").path("session").asText();
        secrets.put(id, started.path("secret").asText());
        return id;
    }

    /** Each session's secret, as its opening answered it. */
    private final java.util.Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();

    /** GET the session's menu, proving it is ours (its secret as a bearer token). */
    private RequestBuilder menuOf(String id) {
        return get("/api/v1/sessions/" + id + "/menu").header("Authorization", "Bearer " + secrets.get(id));
    }

    private String problem(RequestBuilder request, int status) throws Exception {
        MockHttpServletResponse response = perform(request);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        return body(response, status).path("code").asText();
    }

    private MockHttpServletResponse perform(RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static JsonNode body(MockHttpServletResponse response, int status) throws Exception {
        String text = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(text).isEqualTo(status);
        return JSON.readTree(text);
    }
}
