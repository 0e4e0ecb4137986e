package io.dataivr.api.http;

import io.dataivr.agent.Agent;
import io.dataivr.agent.AgentService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Agents log in to queues, pause, resume and log out; agents and each queue's idle-agent FIFO can be read. */
@Profile("!admin")
@RestController
@SecurityRequirement(name = OpenApiConfiguration.AGENT_BASIC)
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class AgentController {

    private final AgentService agents;

    AgentController(AgentService agents) {
        this.agents = agents;
    }

    /** {@code queues} (one or more) or, as before, one {@code queue}. */
    record LoginRequest(String queue, @Size(max = 32) List<String> queues) {
        List<String> all() {
            List<String> all = new ArrayList<>();
            if (queue != null && !queue.isBlank()) {
                all.add(queue);
            }
            if (queues != null) {
                all.addAll(queues);
            }
            return all;
        }
    }

    record PauseRequest(@Size(max = 64) String reason) {
    }

    record AgentView(String agent, String state, List<String> queues, String pauseReason) {
        static AgentView of(Agent agent) {
            return new AgentView(agent.name(), agent.state().name(), agent.queues(), agent.pauseReason());
        }
    }

    record IdleAgents(String queue, List<String> idle) {
    }

    @PostMapping("/agents/{agent}/login")
    AgentView login(@PathVariable String agent, @Valid @RequestBody LoginRequest request) {
        return AgentView.of(agents.login(agent, request.all()));
    }

    @PostMapping("/agents/{agent}/logout")
    AgentView logout(@PathVariable String agent) {
        return AgentView.of(agents.logout(agent));
    }

    @PostMapping("/agents/{agent}/pause")
    AgentView pause(@PathVariable String agent, @Valid @RequestBody(required = false) PauseRequest request) {
        return AgentView.of(agents.pause(agent, request == null ? null : request.reason()));
    }

    @PostMapping("/agents/{agent}/resume")
    AgentView resume(@PathVariable String agent) {
        return AgentView.of(agents.resume(agent));
    }

    @GetMapping("/agents/{agent}")
    AgentView agent(@PathVariable String agent) {
        return AgentView.of(agents.agent(agent));
    }

    @GetMapping("/agents")
    List<AgentView> loggedIn() {
        return agents.agents().stream().map(AgentView::of).toList();
    }

    @GetMapping("/queues/{queue}/idle-agents")
    IdleAgents idle(@PathVariable String queue) {
        return new IdleAgents(queue, agents.idleAgents(queue));
    }
}
