package io.dataivr.api.http;

import io.dataivr.agent.Agent;
import io.dataivr.agent.AgentService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
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
@Refusals.OfAgents
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

    /** {@code reason}: the code of one of dataivr.agent.pause-reasons; absent: the first of them. */
    record PauseRequest(@Size(max = 64) String reason) {
    }

    /** {@code since}: when the current state began (ISO-8601; null for an agent this adapter has not seen). */
    record AgentView(String agent, String state, List<String> queues, String pauseReason, boolean pauseRequested,
            String since) {
    }

    private AgentView view(Agent agent) {
        Instant since = agents.since(agent.name());
        return new AgentView(agent.name(), agent.state().name(), agent.queues(), agent.pauseReason(),
                agent.pauseRequested(), since == null ? null : since.toString());
    }

    record IdleAgents(String queue, List<String> idle) {
    }

    @Refusals.OnAgent
    @Refusals.BrowserChange
    @Fails(status = 400, codes = "AGENT_NAME_INVALID",
            when = "the agent's or a queue's name is not 1-64 of [A-Za-z0-9_-]; no queue")
    @Fails(status = 400, codes = {"MALFORMED_MESSAGE", "INVALID_FIELD"},
            when = "the body is not the JSON object expected")
    @Fails(status = 409, codes = "AGENT_STATE_CONFLICT", when = "already logged in")
    @PostMapping("/agents/{agent}/login")
    AgentView login(@PathVariable String agent, @Valid @RequestBody LoginRequest request) {
        return view(agents.login(agent, request.all()));
    }

    @Refusals.OnLoggedInAgent
    @PostMapping("/agents/{agent}/logout")
    AgentView logout(@PathVariable String agent) {
        return view(agents.logout(agent));
    }

    @Refusals.OnLoggedInAgent
    @Fails(status = 400, codes = "PAUSE_REASON_UNKNOWN", when = "not a code of dataivr.agent.pause-reasons")
    @Fails(status = 400, codes = {"MALFORMED_MESSAGE", "INVALID_FIELD"},
            when = "the body is not the JSON object expected")
    @Fails(status = 409, codes = "AGENT_STATE_CONFLICT",
            when = "already paused, or a pause already asked for during a call")
    @PostMapping("/agents/{agent}/pause")
    AgentView pause(@PathVariable String agent, @Valid @RequestBody(required = false) PauseRequest request) {
        return view(agents.pauseFor(agent, request == null ? null : request.reason()));
    }

    /** Ends the agent's wrap-up now: it joins the tail of its queues' FIFOs (409 unless in wrap-up). */
    @Refusals.OnLoggedInAgent
    @Fails(status = 409, codes = "AGENT_STATE_CONFLICT", when = "not in wrap-up")
    @PostMapping("/agents/{agent}/end-wrap-up")
    AgentView endWrapUp(@PathVariable String agent) {
        return view(agents.endWrapUp(agent));
    }

    @Refusals.OnLoggedInAgent
    @Fails(status = 409, codes = "AGENT_STATE_CONFLICT", when = "neither paused nor with a pause asked for")
    @PostMapping("/agents/{agent}/resume")
    AgentView resume(@PathVariable String agent) {
        return view(agents.resume(agent));
    }

    @Refusals.OnAgent
    @GetMapping("/agents/{agent}")
    AgentView agent(@PathVariable String agent) {
        return view(agents.agent(agent));
    }

    @GetMapping("/agents")
    List<AgentView> loggedIn() {
        return agents.agents().stream().map(this::view).toList();
    }

    @GetMapping("/queues/{queue}/idle-agents")
    IdleAgents idle(@PathVariable String queue) {
        return new IdleAgents(queue, agents.idleAgents(queue));
    }
}
