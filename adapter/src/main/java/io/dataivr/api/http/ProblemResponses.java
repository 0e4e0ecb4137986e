package io.dataivr.api.http;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Writes the {@link Fails} of each endpoint (its controller's first, then its own) into the OpenAPI
 * document: one response a status, described by its codes (and when, if said), whose body is the problem
 * detail ({@value #SCHEMA}, with the stable {@code code}). A status an endpoint's own
 * {@code @ApiResponse} already describes is left as it is.
 */
final class ProblemResponses implements OperationCustomizer, OpenApiCustomizer {

    static final String SCHEMA = "ProblemDetail";
    static final String MEDIA_TYPE = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Map<Integer, Refusal> byStatus = refusals(handler);
        if (byStatus.isEmpty()) {
            return operation;
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        byStatus.forEach((status, refusal) -> responses.putIfAbsent(String.valueOf(status), new ApiResponse()
                .description(refusal.description())
                .content(new Content().addMediaType(MEDIA_TYPE,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))))));
        operation.setResponses(responses);
        return operation;
    }

    /** The problem detail's schema, once for every response above. */
    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(SCHEMA, problemSchema());
    }

    /** The endpoint's refusals by status, its controller's codes first; the {@code when}s joined. */
    static Map<Integer, Refusal> refusals(HandlerMethod handler) {
        Map<Integer, Refusal> byStatus = new TreeMap<>();
        List<Fails> all = new ArrayList<>(
                AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getBeanType(), Fails.class));
        all.addAll(AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(), Fails.class));
        for (Fails fails : all) {
            if (fails.status() < 400 || fails.status() > 599 || fails.codes().length == 0) {
                throw new IllegalStateException(handler + ": @Fails needs a 4xx or 5xx status and a code");
            }
            byStatus.computeIfAbsent(fails.status(), s -> new Refusal()).add(fails);
        }
        return byStatus;
    }

    /** The refusals of one status, described one after the other by their codes and when. */
    static final class Refusal {

        private final List<String> parts = new ArrayList<>();

        void add(Fails fails) {
            String named = String.join(" or ", fails.codes());
            parts.add(fails.when().isBlank() ? named : named + " (" + fails.when() + ")");
        }

        String description() {
            return String.join("; ", parts);
        }
    }

    private static Schema<Object> problemSchema() {
        return new Schema<>().types(Set.of("object"))
                .description("RFC 9457 problem detail; code (and title) is the stable code: docs/protocol.md, Errors")
                .addProperty("code", text("the stable code, e.g. SESSION_NOT_FOUND"))
                .addProperty("title", text("the same code"))
                .addProperty("status", new Schema<>().types(Set.of("integer")).format("int32"))
                .addProperty("detail", text("what went wrong, in English; never the client's text raw"))
                .addProperty("instance", new Schema<>().types(Set.of("string")).format("uri"))
                .addProperty("type", new Schema<>().types(Set.of("string")).format("uri"))
                .required(List.of("code", "status"));
    }

    private static Schema<Object> text(String description) {
        return new Schema<>().types(Set.of("string")).description(description);
    }
}
