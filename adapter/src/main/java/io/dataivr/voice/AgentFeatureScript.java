package io.dataivr.voice;

import io.dataivr.agent.Agent;
import io.dataivr.agent.AgentService;
import io.dataivr.system.DomainException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FastAGI {@code agent-login}, {@code agent-logout}, {@code agent-pause}, {@code agent-resume},
 * {@code agent-end-wrap-up}: the
 * feature codes an agent dials on its desk phone (context dataivr-agents). The agent is the PJSIP
 * endpoint the call comes from ({@code CHANNEL(endpoint)}), never a caller id the phone could fake.
 * Arguments: login takes the queues (one per argument), pause an optional reason. The script sets
 * {@code DATAIVR_AGENT_RESULT} to {@code OK} or an error code and {@code DATAIVR_AGENT_STATE}.
 */
final class AgentFeatureScript implements AgiScript {

    enum Action {
        LOGIN, LOGOUT, PAUSE, RESUME, END_WRAP_UP;

        /** The FastAGI script's name: {@code agent-login}, …, {@code agent-end-wrap-up}. */
        String script() {
            return "agent-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private static final Logger log = LoggerFactory.getLogger(AgentFeatureScript.class);

    private final Action action;
    private final AgentService agents;
    private final List<String> defaultQueues;

    AgentFeatureScript(Action action, AgentService agents, List<String> defaultQueues) {
        this.action = action;
        this.agents = agents;
        this.defaultQueues = List.copyOf(defaultQueues);
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        String agent = channel.getFullVariable("${CHANNEL(endpoint)}");
        List<String> args = arguments(request);
        try {
            Agent after;
            if (action == Action.LOGIN) {
                after = agents.login(agent, args.isEmpty() ? defaultQueues : args);
            } else if (action == Action.LOGOUT) {
                after = agents.logout(agent);
            } else if (action == Action.PAUSE) {
                after = agents.pause(agent, args.isEmpty() ? "phone" : String.join(" ", args));
            } else if (action == Action.RESUME) {
                after = agents.resume(agent);
            } else {
                after = agents.endWrapUp(agent);
            }
            channel.setVariable("DATAIVR_AGENT_RESULT", "OK");
            channel.setVariable("DATAIVR_AGENT_STATE", after.state().name());
        } catch (DomainException e) {
            log.info("feature code {} of agent {} refused: {}", action, agent, e.getMessage());
            channel.setVariable("DATAIVR_AGENT_RESULT", e.code());
        }
    }

    private static List<String> arguments(AgiRequest request) {
        String[] raw = request.getArguments();
        List<String> args = new ArrayList<>();
        if (raw != null) {
            Arrays.stream(raw).filter(a -> a != null && !a.isBlank()).map(String::strip).forEach(args::add);
        }
        return args;
    }
}
