package io.dataivr.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.call.ChannelId;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.fixtures.FakeQueueMembership;
import io.dataivr.fixtures.InMemoryIdleAgentMirror;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the agents become when Asterisk restarts under the adapter, compared with a plain AMI reconnect. */
class AsteriskRestartRestoreTests {

    private static final String Q = "support";

    private final FakeQueueMembership asterisk = new FakeQueueMembership();
    private final InMemoryIdleAgentMirror redis = new InMemoryIdleAgentMirror();
    private final AgentFeature feature = AgentFeature.over(asterisk, redis, (agent, from, to, reason) -> { });
    private final AgentService agents = feature.service();
    private final QueueCallRules calls = feature.rules();
    private final FifoReconciler reconciler = feature.reconciler();

    @Test
    void afterAnAsteriskRestartTheIdleAgentsAreAddedBackInFifoOrderAndPausedOnesStayPaused() {
        agents.login("a3", Q);
        agents.login("a1", Q);
        agents.login("a2", Q);
        agents.pause("a2", "lunch");
        asteriskRestartsEmpty("a3", "a1", "a2");

        reconciler.restoreAfterAsteriskRestart(Q);

        assertThat(asterisk.members(Q)).containsExactly("a3", "a1");
        assertThat(agents.idleAgents(Q)).containsExactly("a3", "a1");
        assertThat(redis.read(Q)).containsExactly("a3", "a1");
        assertThat(agents.state("a2")).isEqualTo(AgentState.PAUSED);
        assertThat(agents.agent("a2").pauseReason()).isEqualTo("lunch");
    }

    @Test
    void anAgentWhoseCallTheRestartCutIsIdleAgainAndOneWhoseRingItCutKeepsItsPlace() {
        agents.login("a1", Q);
        agents.login("a2", Q);
        agents.login("a3", Q);
        agents.login("a4", Q);
        calls.on(new QueueCallEvent.AgentAnswered(Q, new ChannelId("c1"), "a1"));
        calls.on(new QueueCallEvent.AgentRinging(Q, new ChannelId("c2"), "a2"));
        agents.pause("a1", "after this call");
        asteriskRestartsEmpty("a1", "a2", "a3", "a4");

        reconciler.restoreAfterAsteriskRestart(Q);

        // a2 was ringing, still in the FIFO (as when a caller gives up during the ring); a1 was talking
        // and had asked for a pause after the call.
        assertThat(asterisk.members(Q)).containsExactly("a2", "a3", "a4");
        assertThat(redis.read(Q)).containsExactly("a2", "a3", "a4");
        assertThat(agents.state("a2")).isEqualTo(AgentState.IDLE);
        assertThat(agents.state("a1")).as("the pause asked for during the call").isEqualTo(AgentState.PAUSED);
    }

    @Test
    void aPlainReconnectKeepsTheRuleThatAsterisksMembersWin() {
        agents.login("a3", Q);
        agents.login("a1", Q);
        asteriskRestartsEmpty("a3", "a1");

        reconciler.rebuild(Q);

        assertThat(agents.state("a3")).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(agents.state("a1")).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(redis.read(Q)).isEmpty();
    }

    private void asteriskRestartsEmpty(String... members) {
        for (String member : members) {
            asterisk.remove(Q, member);
        }
        assertThat(asterisk.members(Q)).isEqualTo(List.of());
    }
}
