package io.dataivr.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.fixtures.SessionFixtures;
import java.nio.charset.StandardCharsets;
import io.dataivr.fixtures.InMemoryUsedTokenStore;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.session.token.SessionTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The REST side of the IP channel: the same error codes as the WebSocket, and no input gets a 5xx. */
class ConsultationControllerTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
    /** Each session's secret, as its start answered it. */
    private final java.util.Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();
    private final MockMvc mvc = MockMvcBuilders
            .standaloneSetup(new ConsultationController(SessionFixtures.demoConnectionlessSessions(clock)))
            .setControllerAdvice(new ApiExceptionHandler()).build();
    /** A session left idle past the REST idle timeout: its first request expires it (410). */
    private final String expiredId = startThenLeaveIdle();
    private final String sessionId = start("{\"language\":\"en\"}", null).path("session").path("session").asText();

    @Test
    void aSessionStartsInTheLanguageOfTheBodyThenOfAcceptLanguage() throws Exception {
        assertThat(start("{}", "zh;q=0.9, en;q=0.1").path("menu").path("title").asText()).isEqualTo("电信客服");
        assertThat(start("{\"language\":\"en\"}", "zh-CN").path("session").path("language").asText()).isEqualTo("en");
        assertThat(start("", "en-US,en").path("menu").path("title").asText()).isEqualTo("Telecom service");
    }

    @Test
    void badRequestsGetTheChannelsErrorCodes() throws Exception {
        assertThat(problem(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON).content("{"), 400))
                .isEqualTo("MALFORMED_MESSAGE");
        assertThat(problem(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .content("{\"token\":\"forged.token\"}"), 401)).isEqualTo("TOKEN_INVALID");
        assertThat(problem(choose(sessionId, "{\"key\":5}"), 400)).isEqualTo("INVALID_FIELD");
        assertThat(problem(choose(sessionId, "{\"key\":\"1\",\"path\":[5]}"), 400)).isEqualTo("INVALID_FIELD");
        assertThat(problem(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .content("{\"menu\":\"te\\u0000lecom\"}"), 400)).isEqualTo("INVALID_FIELD");
        assertThat(problem(choose(sessionId, "{\"key\":\"" + "1".repeat(9) + "\"}"), 400)).isEqualTo("INVALID_FIELD");
        assertThat(problem(choose(sessionId, "{\"key\":\"9\"}"), 404)).isEqualTo("ITEM_NOT_FOUND");
        assertThat(problem(choose(sessionId, "{\"key\":\"1\",\"path\":[\"2\"]}"), 409)).isEqualTo("STALE_CHOICE");
        assertThat(problem(choose("not-a-uuid", "{\"key\":\"1\"}"), 400)).isEqualTo("INVALID_FIELD");
        assertThat(problem(get("/api/v1/sessions/" + java.util.UUID.randomUUID() + "/menu")
                .header("Authorization", "Bearer " + secrets.get(sessionId)), 404))
                .isEqualTo("SESSION_NOT_FOUND");
        assertThat(problem(owned(sessionId, post("/api/v1/sessions/" + sessionId + "/back")), 409))
                .isEqualTo("ALREADY_AT_TOP");
        assertThat(problem(post("/api/v1/sessions").contentType(MediaType.TEXT_PLAIN).content("hi"), 415))
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void textFieldsGetTheSameChecksAsOnTheWebSocketAndNoErrorEchoesTheirText() throws Exception {
        for (String body : List.of("{\"language\":\"en\\u0000\"}", "{\"menu\":\"\\ud800\"}", "{\"menu\":\"\"}",
                "{\"menu\":\"  \"}", "{\"client\":\"a\\udc00\"}")) {
            MockHttpServletResponse response = perform(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                    .content(body));
            assertThat(response.getStatus()).as(body).isEqualTo(400);
            JsonNode problem = JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
            assertThat(problem.path("code").asText()).as(body).isEqualTo("INVALID_FIELD");
            assertThat(problem.path("detail").asText()).as(body).doesNotContain("\u0000", "\ud800", "\udc00");
        }
        for (String body : List.of("{\"key\":\"1\\u0000\"}", "{\"key\":\"\\ud800\"}",
                "{\"key\":\"1\",\"path\":[\"2\\u0000\"]}", "{\"key\":\"1\",\"path\":[\"\\udfff\"]}")) {
            MockHttpServletResponse response = perform(choose(sessionId, body));
            assertThat(response.getStatus()).as(body).isEqualTo(400);
            assertThat(JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8)).path("code").asText())
                    .as(body).isEqualTo("INVALID_FIELD");
        }
        MockHttpServletResponse markup = perform(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .content("{\"menu\":\"<script>x</script>\"}"));
        assertThat(markup.getStatus()).isEqualTo(404);
        assertThat(JSON.readTree(markup.getContentAsString(StandardCharsets.UTF_8)).path("detail").asText())
                .isEqualTo("no published menu \"\\u003cscript\\u003ex\\u003c/script\\u003e\"");
    }

    @Test
    void demoModeMintsATokenThatOpensOneSession() throws Exception {
        MockHttpServletResponse minted = mvc.perform(post("/api/v1/sessions/demo-tokens")
                .contentType(MediaType.APPLICATION_JSON).content("{\"client\":\"客户-7\"}")).andReturn().getResponse();
        assertThat(minted.getStatus()).isEqualTo(201);
        String token = JSON.readTree(minted.getContentAsString(StandardCharsets.UTF_8)).path("token").asText();

        assertThat(start("{\"token\":\"" + token + "\"}", null).path("session").path("type").asText())
                .isEqualTo("session");
        assertThat(problem(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .content("{\"token\":\"" + token + "\"}"), 401)).isEqualTo("TOKEN_REPLAYED");
    }

    @Test
    void whileTheUsedTokenStoreIsDownATokenIsRefusedWith503AndNotUsedUp() throws Exception {
        InMemoryUsedTokenStore usedTokens = new InMemoryUsedTokenStore(clock);
        MockMvc storeDown = MockMvcBuilders
                .standaloneSetup(new ConsultationController(SessionFixtures.demoConnectionlessSessions(clock, usedTokens)))
                .setControllerAdvice(new ApiExceptionHandler()).build();
        String token = new SessionTokens(SessionFixtures.SECRET, Duration.ofHours(1), usedTokens, clock)
                .mint("app-user-42", Duration.ofMinutes(5));
        RequestBuilder consult = post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .content("{\"token\":\"" + token + "\"}");
        usedTokens.down(true);

        MockHttpServletResponse refused = storeDown.perform(consult).andReturn().getResponse();

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(JSON.readTree(refused.getContentAsString(StandardCharsets.UTF_8)).path("code").asText())
                .isEqualTo("STORE_UNAVAILABLE");
        usedTokens.down(false);
        assertThat(storeDown.perform(consult).andReturn().getResponse().getStatus()).isEqualTo(201);
    }

    @Test
    void aSessionIdleLongerThanTheTimeoutIsGoneWithSessionExpired() throws Exception {
        clock.advance(SessionFixtures.REST_IDLE_TIMEOUT.minusSeconds(1));
        assertThat(perform(owned(sessionId, get("/api/v1/sessions/" + sessionId + "/menu"))).getStatus())
                .isEqualTo(200);
        clock.advance(SessionFixtures.REST_IDLE_TIMEOUT);

        assertThat(problem(owned(sessionId, get("/api/v1/sessions/" + sessionId + "/menu")), 410))
                .isEqualTo("SESSION_EXPIRED");
        assertThat(problem(choose(sessionId, "{\"key\":\"1\"}"), 410)).isEqualTo("SESSION_EXPIRED");
        assertThat(problem(owned(sessionId, delete("/api/v1/sessions/" + sessionId)), 410))
                .isEqualTo("SESSION_EXPIRED");
        assertThat(problem(get("/api/v1/sessions/" + java.util.UUID.randomUUID() + "/menu")
                .header("Authorization", "Bearer " + secrets.get(sessionId)), 404))
                .isEqualTo("SESSION_NOT_FOUND");
        assertThat(problem(owned(expiredId, post("/api/v1/sessions/" + expiredId + "/back")), 410))
                .isEqualTo("SESSION_EXPIRED");
    }

    @Test
    void aRequestOnASessionWithoutItsSecretIsRefusedAndChangesNothing() throws Exception {
        String other = start("{}", null).path("session").path("session").asText();

        for (String auth : new String[] {null, "Basic " + secrets.get(sessionId), "Bearer", "Bearer  "}) {
            MockHttpServletResponse refused = perform(withAuth(post("/api/v1/sessions/" + sessionId + "/back"), auth));
            assertThat(refused.getStatus()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(refused.getHeader("WWW-Authenticate")).startsWith("Bearer");
            assertThat(JSON.readTree(refused.getContentAsString()).path("code").asText())
                    .isEqualTo("SESSION_SECRET_REQUIRED");
        }
        for (String wrong : new String[] {secrets.get(other), secrets.get(sessionId) + "x", "x"}) {
            String bearer = "Bearer " + wrong;
            assertThat(problem(withAuth(post("/api/v1/sessions/" + sessionId + "/choices")
                    .contentType(MediaType.APPLICATION_JSON).content("{\"key\":\"2\"}"), bearer), 404))
                    .as("a wrong secret looks like an unknown session").isEqualTo("SESSION_NOT_FOUND");
            assertThat(problem(withAuth(delete("/api/v1/sessions/" + sessionId), bearer), 404))
                    .isEqualTo("SESSION_NOT_FOUND");
            assertThat(problem(withAuth(delete("/api/v1/sessions/" + sessionId + "/call"), bearer), 404))
                    .isEqualTo("SESSION_NOT_FOUND");
            assertThat(problem(withAuth(get("/api/v1/sessions/" + sessionId + "/menu"), bearer), 404))
                    .isEqualTo("SESSION_NOT_FOUND");
        }

        JsonNode level = JSON.readTree(perform(withAuth(get("/api/v1/sessions/" + sessionId + "/menu"),
                "bearer " + secrets.get(sessionId))).getContentAsString(StandardCharsets.UTF_8));
        assertThat(level.path("path").toString()).as("nothing moved, nothing ended").isEqualTo("[]");
        assertThat(perform(choose(sessionId, "{\"key\":\"2\"}")).getStatus()).isEqualTo(200);
        assertThat(perform(owned(sessionId, delete("/api/v1/sessions/" + sessionId))).getStatus()).isEqualTo(200);
    }

    @Test
    void theStartAnswerCarriesTheSessionsSecret() throws Exception {
        JsonNode started = start("{}", null);
        assertThat(started.path("secret").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(start("{}", null).path("secret").asText()).isNotEqualTo(started.path("secret").asText());
        assertThat(perform(post("/api/v1/sessions")).getHeader("Cache-Control")).as("no cache keeps the secret")
                .isEqualTo("no-store");
    }

    @Test
    void anAnswerTheClientDoesNotAcceptIsRefusedBeforeAnythingChanges() throws Exception {
        InMemoryUsedTokenStore usedTokens = new InMemoryUsedTokenStore(clock);
        MockMvc app = MockMvcBuilders.standaloneSetup(
                new ConsultationController(SessionFixtures.demoConnectionlessSessions(clock, usedTokens)))
                .setControllerAdvice(new ApiExceptionHandler()).build();
        String token = new SessionTokens(SessionFixtures.SECRET, Duration.ofHours(1), usedTokens, clock)
                .mint("app-user-406", Duration.ofMinutes(5));

        MockHttpServletResponse refused = app.perform(post("/api/v1/sessions").accept(MediaType.APPLICATION_XML)
                .contentType(MediaType.APPLICATION_JSON).content("{\"token\":\"" + token + "\"}")).andReturn()
                .getResponse();
        assertNotAcceptable(refused);
        assertThat(app.perform(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .content("{\"token\":\"" + token + "\"}")).andReturn().getResponse().getStatus())
                .as("the token was not spent").isEqualTo(201);

        assertNotAcceptable(perform(choose(sessionId, "{\"key\":\"2\"}").accept(MediaType.APPLICATION_XML)));
        assertNotAcceptable(perform(owned(sessionId, delete("/api/v1/sessions/" + sessionId))
                .accept(MediaType.APPLICATION_XML)));
        assertNotAcceptable(perform(owned(sessionId, delete("/api/v1/sessions/" + sessionId + "/call"))
                .accept(MediaType.TEXT_HTML)));
        assertNotAcceptable(perform(owned(sessionId, get("/api/v1/sessions/" + sessionId + "/menu"))
                .accept(MediaType.APPLICATION_XML)));
        JsonNode level = JSON.readTree(perform(owned(sessionId, get("/api/v1/sessions/" + sessionId + "/menu"))
                .accept("application/json, */*;q=0.1")).getContentAsString(StandardCharsets.UTF_8));
        assertThat(level.path("path").toString()).as("the level did not move, the session is open").isEqualTo("[]");
    }

    private static void assertNotAcceptable(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).isEqualTo(406);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8)).path("code").asText())
                .isEqualTo("NOT_ACCEPTABLE");
    }

    private static MockHttpServletRequestBuilder withAuth(MockHttpServletRequestBuilder request, String auth) {
        return auth == null ? request : request.header("Authorization", auth);
    }

    /** 10^5 generated requests a run (issue 3), through MockMvc with the real exception handler. */
    @Property(tries = 100_000, shrinking = ShrinkingMode.OFF)
    void noRequestGetsA5xx(@ForAll("requests") RequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).isBetween(200, 499);
        if (response.getStatus() >= 400) {
            assertThat(JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8)).path("code").asText())
                    .isNotBlank();
        }
    }

    @Provide
    Arbitrary<RequestBuilder> requests() {
        Arbitrary<String> bodies = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Combinators.combine(Arbitraries.of("key", "menu", "language", "client", "token", "path", "x"),
                        Arbitraries.of("\"1\"", "\"2\"", "\"9\"", "5", "null", "[]", "[\"2\"]", "{}", "\"zh-CN\"",
                                "\"\\u0000\"", "\"\\ud800\"", "\"" + "a".repeat(200) + "\"", "true", "1e999"))
                        .as((k, v) -> "\"" + k + "\":" + v).list().ofMaxSize(3)
                        .map(fields -> "{" + String.join(",", fields) + "}"));
        Arbitrary<String> ids = Arbitraries.oneOf(Arbitraries.just(sessionId), Arbitraries.just(expiredId),
                Arbitraries.strings().alpha().numeric().withChars('-').ofMinLength(1).ofMaxLength(40));
        Arbitrary<String> headers = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().withChars("abzhCNen-,;q=0.9* _").ofMaxLength(30),
                Arbitraries.strings().withCharRange(' ', '~').withChars('\t').ofMaxLength(12));
        Arbitrary<MediaType> types = Arbitraries.of(MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN,
                MediaType.APPLICATION_OCTET_STREAM);
        Arbitrary<Integer> auth = Arbitraries.integers().between(0, 2);
        return Combinators.combine(Arbitraries.integers().between(0, 5), ids, bodies, headers, types, auth)
                .as((endpoint, id, body, language, type, bearer) -> {
                    String base = "/api/v1/sessions";
                    RawHeaderRequest builder = switch (endpoint) {
                        case 0 -> new RawHeaderRequest(HttpMethod.POST, base);
                        case 1 -> new RawHeaderRequest(HttpMethod.POST, base + "/" + id + "/choices");
                        case 2 -> new RawHeaderRequest(HttpMethod.POST, base + "/" + id + "/back");
                        case 3 -> new RawHeaderRequest(HttpMethod.GET, base + "/" + id + "/menu");
                        case 4 -> new RawHeaderRequest(HttpMethod.POST, base + "/demo-tokens");
                        default -> new RawHeaderRequest(HttpMethod.DELETE, base + "/" + id);
                    };
                    builder.contentType(type).content(body.getBytes(StandardCharsets.UTF_8));
                    if (!language.isEmpty()) {
                        builder.header("Accept-Language", language);
                    }
                    if (bearer == 1) {
                        builder.header("Authorization", "Bearer " + secrets.getOrDefault(id, id));
                    } else if (bearer == 2) {
                        builder.header("Authorization", "Bearer " + body);
                    }
                    return builder;
                });
    }

    private MockHttpServletResponse perform(RequestBuilder request) {
        try {
            return mvc.perform(request).andReturn().getResponse();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String startThenLeaveIdle() {
        String id = start("{}", null).path("session").path("session").asText();
        clock.advance(SessionFixtures.REST_IDLE_TIMEOUT);
        return id;
    }

    private JsonNode start(String body, String acceptLanguage) {
        var request = post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON).content(body);
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        MockHttpServletResponse response = perform(request);
        assertThat(response.getStatus()).isEqualTo(201);
        try {
            JsonNode started = JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
            secrets.put(started.path("session").path("session").asText(), started.path("secret").asText());
            return started;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private MockHttpServletRequestBuilder choose(String id, String body) {
        return owned(id, post("/api/v1/sessions/" + id + "/choices").contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    /** The request with the bearer secret of the session its path names (none if the session is not known). */
    private MockHttpServletRequestBuilder owned(String id, MockHttpServletRequestBuilder request) {
        String secret = secrets.get(id);
        return secret == null ? request : request.header("Authorization", "Bearer " + secret);
    }

    private String problem(RequestBuilder request, int status) throws Exception {
        MockHttpServletResponse response = perform(request);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8)).path("code").asText();
    }
}
