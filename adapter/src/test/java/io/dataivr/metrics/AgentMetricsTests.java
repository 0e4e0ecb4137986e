package io.dataivr.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.agent.AgentFeature;
import io.dataivr.call.ChannelId;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.fixtures.FakeQueueMembership;
import io.dataivr.fixtures.InMemoryIdleAgentMirror;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentMetricsTests {

    private final AgentFeature agents = AgentFeature.over(new FakeQueueMembership(), new InMemoryIdleAgentMirror(),
            (agent, from, to, reason) -> { });
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    AgentMetricsTests() {
        new AgentMetrics(agents.service(), List.of("support", "sales")).bindTo(registry);
    }

    @Test
    void theFifoAndTheAgentsByStateAreReadWhenScraped() {
        assertThat(idle("support")).isZero();
        agents.service().login("agent1", List.of("support", "sales"));
        agents.service().login("agent2", List.of("support"));
        agents.service().login("agent3", List.of("support"));
        agents.service().pause("agent3", "lunch");
        assertThat(idle("support")).isEqualTo(2);
        assertThat(idle("sales")).isEqualTo(1);
        assertThat(state("support", "idle")).isEqualTo(2);
        assertThat(state("support", "paused")).isEqualTo(1);

        agents.rules().on(new QueueCallEvent.AgentRinging("support", ChannelId.of("c1"), "agent1"));
        assertThat(idle("support")).as("a ringing agent keeps its place in the FIFO").isEqualTo(2);
        assertThat(state("support", "ringing")).isEqualTo(1);
        assertThat(state("sales", "ringing")).as("in each of its queues").isEqualTo(1);

        agents.rules().on(new QueueCallEvent.AgentAnswered("support", ChannelId.of("c1"), "agent1"));
        assertThat(idle("support")).isEqualTo(1);
        assertThat(idle("sales")).isZero();
        assertThat(state("support", "talking")).isEqualTo(1);
        assertThat(state("support", "idle")).isEqualTo(1);
        assertThat(state("support", "wrap_up")).isZero();

        agents.service().logout("agent2");
        assertThat(state("support", "idle")).isZero();
        assertThat(registry.find("dataivr.agents").tag("state", "logged_out").gauge()).as("not a state shown")
                .isNull();
    }

    private double idle(String queue) {
        return registry.get("dataivr.queue.idle.agents").tag("queue", queue).gauge().value();
    }

    private double state(String queue, String state) {
        return registry.get("dataivr.agents").tags("queue", queue, "state", state).gauge().value();
    }
}
