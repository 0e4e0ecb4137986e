package io.dataivr.api.http;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document springdoc serves at {@code /v3/api-docs}; docs/openapi.json is a copy that a
 * test keeps equal to it. The server is given as "/" so the document does not depend on the port.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** The name the admin operations use in {@code @SecurityRequirement}. */
    public static final String ADMIN_BASIC = "adminBasic";
    /** The name the agent operations use in {@code @SecurityRequirement}. */
    public static final String AGENT_BASIC = "agentBasic";
    /** The name the operations on a REST session use: the session's secret as a bearer token. */
    public static final String SESSION_BEARER = "sessionSecret";

    /** Each endpoint's {@link Fails} as its problem responses. */
    @Bean
    ProblemResponses problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    OpenAPI dataIvrOpenApi() {
        return new OpenAPI()
                .info(new Info().title("DataIVR adapter").version("v1").description(
                        "The IP channel's REST equivalents (docs/protocol.md), agent login and the admin API."))
                .servers(List.of(new Server().url("/")))
                .components(new Components().addSecuritySchemes(ADMIN_BASIC, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("the admin user (dataivr.admin.username / dataivr.admin.password-hash)"))
                        .addSecuritySchemes(AGENT_BASIC, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("an agent with its own password (dataivr.agent-auth), for its own "
                                        + "endpoints only, or the admin user for any agent"))
                        .addSecuritySchemes(SESSION_BEARER, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("the session's secret, the \"secret\" of the POST /api/v1/sessions"
                                        + " answer (docs/protocol.md)")));
    }
}
