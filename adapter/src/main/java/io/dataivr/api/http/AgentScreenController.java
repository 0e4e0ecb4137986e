package io.dataivr.api.http;

import io.dataivr.api.ScreenView;
import io.dataivr.screen.ScreenService;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The agent's screen pop over REST: who is calling, their path, what they view now. */
@Profile("!admin")
@RestController
@SecurityRequirement(name = OpenApiConfiguration.AGENT_BASIC)
@Refusals.OfAgents
@Refusals.OnAgent
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class AgentScreenController {

    private final ScreenService screens;

    AgentScreenController(ScreenService screens) {
        this.screens = screens;
    }

    @GetMapping("/agents/{agent}/screen")
    ScreenView screen(@PathVariable String agent) {
        return ScreenView.of(screens.screenOf(agent));
    }
}
