package io.dataivr.api.http;

import io.dataivr.agent.AgentName;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.LabelledCode;
import io.dataivr.console.CallerHistoryService;
import io.dataivr.console.Disposition;
import io.dataivr.console.DispositionService;
import io.dataivr.console.LoginQueues;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the agent console (/agent/) reads and writes besides the agent's state: its choices (queues to log in
 * to, pause reasons, dispositions), the caller's earlier sessions, and a call's disposition.
 */
@Profile("!admin")
@RestController
@SecurityRequirement(name = OpenApiConfiguration.AGENT_BASIC)
@Refusals.OfAgents
@Refusals.OnAgent
@Fails(status = 400, codes = "AGENT_NAME_INVALID", when = "the agent's name is not 1-64 of [A-Za-z0-9_-]")
@RequestMapping(path = "/api/v1/agents/{agent}", produces = MediaType.APPLICATION_JSON_VALUE)
class AgentConsoleController {

    private final AgentService agents;
    private final LoginQueues loginQueues;
    private final CallerHistoryService history;
    private final DispositionService dispositions;

    AgentConsoleController(AgentService agents, LoginQueues loginQueues, CallerHistoryService history,
            DispositionService dispositions) {
        this.agents = agents;
        this.loginQueues = loginQueues;
        this.history = history;
        this.dispositions = dispositions;
    }

    record ConsoleChoices(String agent, List<String> loginQueues, List<LabelledCode> pauseReasons,
            List<LabelledCode> dispositions) {
    }

    record LoginQueuesView(List<String> queues) {
    }

    /** {@code disposition}: a code of dataivr.agent.dispositions; {@code note}: free text, at most 2000 characters. */
    record DispositionRequest(@Size(max = 64) String disposition, @Size(max = 8000) String note) {
    }

    record DispositionView(String request, String disposition, String note, String disposedBy, String disposedAt) {
    }

    @GetMapping("/console")
    ConsoleChoices console(@PathVariable String agent) {
        return new ConsoleChoices(AgentName.require(agent), loginQueues.all(), agents.pauseReasons(),
                agents.dispositions());
    }

    @GetMapping("/login-queues")
    LoginQueuesView loginQueues(@PathVariable String agent) {
        AgentName.require(agent);
        return new LoginQueuesView(loginQueues.all());
    }

    @GetMapping("/caller-history")
    CallerHistoryService.CallerSessions callerHistory(@PathVariable String agent) {
        return history.ofCallerOf(AgentName.require(agent));
    }

    @Refusals.BrowserChange
    @Fails(status = 400, codes = {"DISPOSITION_INVALID", "MALFORMED_MESSAGE", "INVALID_FIELD"},
            when = "a disposition that is not configured, a note over 2000 characters or with control characters")
    @Fails(status = 403, codes = "CALL_NOT_TAKEN", when = "another agent answered the call")
    @Fails(status = 404, codes = "CALL_NOT_FOUND", when = "no agent answered a call of that request id")
    @PostMapping("/calls/{request}/disposition")
    DispositionView dispose(@PathVariable String agent, @PathVariable String request,
            @Valid @RequestBody DispositionRequest body, Principal principal) {
        Disposition d = dispositions.dispose(agent, request, body.disposition(), body.note(),
                principal == null ? agent : principal.getName());
        return new DispositionView(request, d.code(), d.note(), d.by(), d.at().toString());
    }
}
