package io.dataivr.metrics;

import io.dataivr.agent.Agent;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.AgentState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;

/**
 * The agents as the idle-agent FIFO sees them, read from {@link AgentService} when scraped: the FIFO's
 * length per queue ({@code dataivr_queue_idle_agents}: idle agents, and the one ringing for a call,
 * which keeps its place until it answers) and the agents logged in to each queue by state
 * ({@code dataivr_agents{queue, state}}; an agent in two queues counts in both).
 */
public final class AgentMetrics implements MeterBinder {

    private final AgentService agents;
    private final List<String> queues;

    public AgentMetrics(AgentService agents, List<String> queues) {
        this.agents = agents;
        this.queues = List.copyOf(queues);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String queue : queues) {
            Gauge.builder("dataivr.queue.idle.agents", agents, a -> a.idleAgents(queue).size()).strongReference(true)
                    .description("Agents in the queue's idle-agent FIFO now (idle, or ringing for a call)")
                    .tag("queue", queue).register(registry);
            for (AgentState state : AgentState.values()) {
                if (state != AgentState.LOGGED_OUT) {
                    Gauge.builder("dataivr.agents", agents, a -> count(a.agents(), queue, state))
                            .strongReference(true)
                            .description("Agents logged in to the queue, by state")
                            .tags("queue", queue, "state", state.name().toLowerCase(Locale.ROOT)).register(registry);
                }
            }
        }
    }

    private static int count(List<Agent> agents, String queue, AgentState state) {
        return (int) agents.stream().filter(a -> a.state() == state && a.queues().contains(queue)).count();
    }
}
