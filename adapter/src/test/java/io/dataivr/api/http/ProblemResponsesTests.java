package io.dataivr.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

/** {@link Fails} into an operation's responses: merged by status, the controller's first, meta-annotations read. */
class ProblemResponsesTests {

    @Fails(status = 401, codes = "AGENT_AUTH_REQUIRED", when = "no credentials")
    static class Controller {

        @Refusals.OnLoggedInAgent
        @Fails(status = 409, codes = "AGENT_STATE_CONFLICT", when = "not in wrap-up")
        @Fails(status = 400, codes = {"MALFORMED_MESSAGE", "INVALID_FIELD"})
        void endWrapUp() {
        }

        @Fails(status = 404, codes = "MENU_NOT_FOUND")
        void described() {
        }

        @Fails(status = 200, codes = "OK")
        void notARefusal() {
        }

        void plain() {
        }
    }

    private final ProblemResponses problems = new ProblemResponses();

    @Test
    void refusalsOfOneStatusShareOneResponseThatNamesEachCodeAndWhen() throws Exception {
        Operation operation = problems.customize(new Operation().responses(new ApiResponses()), handler("endWrapUp"));

        Map<String, ApiResponse> responses = operation.getResponses();
        assertThat(responses).containsOnlyKeys("400", "401", "403", "404", "409");
        assertThat(responses.get("400").getDescription()).isEqualTo(
                "MALFORMED_MESSAGE or INVALID_FIELD; AGENT_NAME_INVALID (the agent's name is not 1-64 of [A-Za-z0-9_-])");
        assertThat(responses.get("401").getDescription()).isEqualTo("AGENT_AUTH_REQUIRED (no credentials)");
        // two levels down: OnLoggedInAgent carries OnAgent and BrowserChange
        assertThat(responses.get("403").getDescription()).startsWith("AGENT_FORBIDDEN (")
                .contains("; CSRF_TOKEN_MISSING or CSRF_TOKEN_INVALID (");
        assertThat(responses.get("404").getDescription()).isEqualTo("AGENT_NOT_FOUND (the agent is not logged in)");
        assertThat(responses.get("409").getContent().get("application/problem+json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/ProblemDetail");
    }

    @Test
    void aStatusTheEndpointDescribesItselfIsLeftAsItIs() throws Exception {
        ApiResponses own = new ApiResponses().addApiResponse("404", new ApiResponse().description("its own words"));

        Operation operation = problems.customize(new Operation().responses(own), handler("described"));

        assertThat(operation.getResponses().get("404").getDescription()).isEqualTo("its own words");
        assertThat(operation.getResponses().get("401").getDescription()).isEqualTo("AGENT_AUTH_REQUIRED (no credentials)");
    }

    @Test
    void aRefusalThatIsNotAnErrorStatusStopsTheDocument() {
        assertThatThrownBy(() -> problems.customize(new Operation(), handler("notARefusal")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("4xx or 5xx");
    }

    @Test
    void withoutRefusalsOfItsOwnAnEndpointGetsItsControllers() throws Exception {
        Operation operation = problems.customize(new Operation(), handler("plain"));

        assertThat(operation.getResponses()).containsOnlyKeys("401");
    }

    private static HandlerMethod handler(String name) throws NoSuchMethodException {
        return new HandlerMethod(new Controller(), Controller.class.getDeclaredMethod(name));
    }
}
