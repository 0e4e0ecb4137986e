package io.dataivr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataivr.fixtures.FakeQueueMembership;
import io.dataivr.fixtures.InMemoryIdleAgentMirror;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentServiceTests {

    private static final String Q = "support";

    private final FakeQueueMembership asterisk = new FakeQueueMembership();
    private final InMemoryIdleAgentMirror redis = new InMemoryIdleAgentMirror();
    private final List<String> transitions = new ArrayList<>();
    private final AgentService agents = new AgentService(asterisk, redis,
            (agent, from, to, reason) -> transitions.add(agent + ":" + from + "->" + to));

    @Test
    void loginsJoinTheTailInOrder() {
        agents.login("a2", Q);
        agents.login("a1", Q);
        agents.login("a3", Q);

        assertFifo("a2", "a1", "a3");
        assertThat(transitions).containsExactly("a2:LOGGED_OUT->IDLE", "a1:LOGGED_OUT->IDLE", "a3:LOGGED_OUT->IDLE");
    }

    @Test
    void theAgentWhoAnswersLeavesTheFifoAndReturnsToItsTailWhenEitherSideHangsUp() {
        agents.login("a1", Q);
        agents.login("a2", Q);
        agents.login("a3", Q);

        agents.on(new QueueCallEvent.AgentRinging(Q, "c1", "a1"));
        agents.on(new QueueCallEvent.AgentAnswered(Q, "c1", "a1"));
        assertFifo("a2", "a3");
        assertThat(agents.state("a1")).isEqualTo(AgentState.TALKING);

        agents.on(new QueueCallEvent.AgentAnswered(Q, "c2", "a2"));
        agents.on(new QueueCallEvent.AgentHungUp(Q, "c2", "a2", "caller"));
        agents.on(new QueueCallEvent.AgentHungUp(Q, "c1", "a1", "agent"));

        assertFifo("a3", "a2", "a1");
    }

    @Test
    void anAgentWhoLogsOutDuringACallDoesNotComeBackWhenItEnds() {
        agents.login("a1", Q);
        agents.on(new QueueCallEvent.AgentAnswered(Q, "c1", "a1"));
        agents.logout("a1");
        agents.on(new QueueCallEvent.AgentHungUp(Q, "c1", "a1", "caller"));

        assertFifo();
        assertThat(agents.state("a1")).isEqualTo(AgentState.LOGGED_OUT);
    }

    @Test
    void rebuildTakesAsterisksMembersAsTheTruth() {
        asterisk.add(Q, "b");
        asterisk.add(Q, "a");
        redis.replace(Q, List.of("stale"));

        agents.rebuild(Q);

        assertThat(agents.idleAgents(Q)).containsExactly("b", "a");
        assertThat(redis.read(Q)).containsExactly("b", "a");
    }

    @Test
    void badNamesAndUnknownAgentsAreNamedErrors() {
        assertThatThrownBy(() -> agents.login("bad name", Q)).isInstanceOf(InvalidAgentName.class);
        assertThatThrownBy(() -> agents.logout("nobody")).isInstanceOf(NoSuchAgent.class);
    }

    private void assertFifo(String... expected) {
        assertThat(agents.idleAgents(Q)).containsExactly(expected);
        assertThat(asterisk.members(Q)).containsExactly(expected);
        assertThat(redis.read(Q)).containsExactly(expected);
    }
}
