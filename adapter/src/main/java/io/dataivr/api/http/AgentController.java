package io.dataivr.api.http;

import org.springframework.context.annotation.Profile;
import io.dataivr.agent.AgentService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Agents log in to a queue and out again; the idle-agent FIFO can be read. */
@Profile("!admin")
@RestController
@RequestMapping("/api/v1")
class AgentController {

    private final AgentService agents;

    AgentController(AgentService agents) {
        this.agents = agents;
    }

    record LoginRequest(@NotBlank String queue) {
    }

    record AgentView(String agent, String state) {
    }

    record IdleAgents(String queue, List<String> idle) {
    }

    @PostMapping("/agents/{agent}/login")
    AgentView login(@PathVariable String agent, @Valid @RequestBody LoginRequest request) {
        agents.login(agent, request.queue());
        return new AgentView(agent, agents.state(agent).name());
    }

    @PostMapping("/agents/{agent}/logout")
    AgentView logout(@PathVariable String agent) {
        agents.logout(agent);
        return new AgentView(agent, agents.state(agent).name());
    }

    @GetMapping("/queues/{queue}/idle-agents")
    IdleAgents idle(@PathVariable String queue) {
        return new IdleAgents(queue, agents.idleAgents(queue));
    }
}
