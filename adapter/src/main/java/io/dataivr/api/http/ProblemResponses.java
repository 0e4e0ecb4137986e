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
 * {@code @ApiResponse} already describes is left as it is. Then, on every operation, the refusals given
 * before any endpoint runs.
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
        byStatus.forEach((status, refusal) -> responses.putIfAbsent(String.valueOf(status),
                problem(refusal.description())));
        operation.setResponses(responses);
        return operation;
    }

    /**
     * The problem detail's schema, once for every response above; and on each operation the refusals given
     * before any endpoint runs ({@link #beforeTheEndpoint}).
     */
    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(SCHEMA, problemSchema());
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    beforeTheEndpoint(method.name(), path, operation)));
        }
    }

    /**
     * The refusals of content negotiation and of {@link RestLimitsFilter}, the same for every endpoint they
     * apply to: 406 on every operation, 413 and 415 on those that take a body, 429 on those a rate limit
     * counts (docs/protocol.md, "Limits of a connection" and Errors).
     */
    static void beforeTheEndpoint(String method, String path, Operation operation) {
        refuse(operation, 406, "NOT_ACCEPTABLE (the Accept header allows no type this endpoint answers in;"
                + " before anything changes)");
        if (operation.getRequestBody() != null) {
            refuse(operation, 413, "FRAME_TOO_LARGE (the body is over dataivr.rest.max-body-bytes, on the admin"
                    + " API dataivr.rest.admin-max-body-bytes)");
            refuse(operation, 415, "UNSUPPORTED_MEDIA_TYPE (a body of a Content-Type this endpoint does not take;"
                    + " Accept names those it takes)");
        }
        if (RestLimitsFilter.rateLimited(method, path)) {
            refuse(operation, 429, "RATE_LIMITED (more requests than the session's or the address's bucket allows;"
                    + " Retry-After says when to try again)");
        }
    }

    private static void refuse(Operation operation, int status, String description) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponse response = operation.getResponses().get(String.valueOf(status));
        if (response == null) {
            operation.getResponses().addApiResponse(String.valueOf(status), problem(description));
        } else if (!response.getDescription().contains(description)) {
            response.setDescription(response.getDescription() + "; " + description);
        }
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(MEDIA_TYPE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))));
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
