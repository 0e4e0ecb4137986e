package io.dataivr.api;

import io.dataivr.agent.Agent;
import java.time.Instant;
import java.util.List;

/**
 * An agent's state as the agent REST API and the {@code agent} frame of {@code /ws/v1/agent} send it
 * (docs/protocol.md, "Agent screen"): {@code since} is when the state began (null for an agent this adapter
 * has not seen), {@code now} the server's time (a console ticks the time in state from the two).
 */
public record AgentStateView(String type, String agent, String state, List<String> queues, String pauseReason,
        boolean pauseRequested, String since, String now) {

    public static AgentStateView of(Agent agent, Instant since, Instant now) {
        return new AgentStateView("agent", agent.name(), agent.state().name(), agent.queues(), agent.pauseReason(),
                agent.pauseRequested(), since == null ? null : since.toString(), now.toString());
    }
}
