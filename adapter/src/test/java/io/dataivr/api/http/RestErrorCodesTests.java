package io.dataivr.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.fixtures.SessionFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Issue 13 item 10: REST statuses and codes as docs/protocol.md's Errors table says, and as the WebSocket says. */
class RestErrorCodesTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
    private final MockMvc mvc = MockMvcBuilders
            .standaloneSetup(new ConsultationController(SessionFixtures.demoConnectionlessSessions(clock)))
            .setControllerAdvice(new ApiExceptionHandler()).build();

    @Test
    void aMissingRequiredFieldIsMalformedMessageAsOnTheWebSocket() throws Exception {
        String id = session();
        JsonNode missingKey = problem(post("/api/v1/sessions/" + id + "/choices")
                .contentType(MediaType.APPLICATION_JSON).content("{}"), 400);
        assertThat(missingKey.path("code").asText()).isEqualTo("MALFORMED_MESSAGE");
        assertThat(missingKey.path("detail").asText()).contains("\"key\"");
        assertThat(problem(post("/api/v1/sessions/" + id + "/choices").contentType(MediaType.APPLICATION_JSON)
                .content("{\"path\":[]}"), 400).path("code").asText()).isEqualTo("MALFORMED_MESSAGE");
        assertThat(problem(post("/api/v1/sessions/demo-tokens").contentType(MediaType.APPLICATION_JSON)
                .content("{}"), 400).path("code").asText()).isEqualTo("MALFORMED_MESSAGE");
        // given but invalid stays INVALID_FIELD
        assertThat(problem(post("/api/v1/sessions/" + id + "/choices").contentType(MediaType.APPLICATION_JSON)
                .content("{\"key\":\"\"}"), 400).path("code").asText()).isEqualTo("INVALID_FIELD");
    }

    @Test
    void aBodyThatIsNotJsonIs415UnsupportedMediaTypeNamingWhatIsAccepted() throws Exception {
        MockHttpServletResponse response = perform(post("/api/v1/sessions").contentType(MediaType.TEXT_PLAIN).content("hi"));
        JsonNode problem = body(response, 415);
        assertThat(problem.path("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(problem.path("detail").asText()).isEqualTo("send application/json");
        assertThat(response.getHeader("Accept")).isEqualTo("application/json");
    }

    @Test
    void aWrongMethodIs405MethodNotAllowedWithAllow() throws Exception {
        MockHttpServletResponse response = perform(put("/api/v1/sessions/" + session() + "/menu"));
        assertThat(body(response, 405).path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(response.getHeader("Allow")).contains("GET");
        assertThat(body(perform(get("/api/v1/sessions")), 405).path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void aBlankPathIdIs400InvalidField() throws Exception {
        assertThat(problem(get("/api/v1/sessions/%20/menu"), 400).path("code").asText()).isEqualTo("INVALID_FIELD");
    }

    private String session() throws Exception {
        MockHttpServletResponse response = perform(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .content("{}"));
        return body(response, 201).path("session").path("session").asText();
    }

    private JsonNode problem(RequestBuilder request, int status) throws Exception {
        MockHttpServletResponse response = perform(request);
        JsonNode problem = body(response, status);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        return problem;
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
