package io.dataivr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataivr.call.ChannelId;
import io.dataivr.call.HungUpBy;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.fixtures.FakeQueueMembership;
import io.dataivr.fixtures.InMemoryIdleAgentMirror;
import io.dataivr.fixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules the agent console adds: configured pause reasons, a wrap-up time of an agent's own, known queues. */
class AgentConsoleRulesTests {

    private static final String Q = "support";

    private final FakeQueueMembership asterisk = new FakeQueueMembership();
    private final List<String> reasons = new ArrayList<>();
    private final List<Duration> timers = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T09:00:00Z"));

    private AgentFeature feature(AgentProperties properties) {
        AgentStateLog log = new AgentStateLog() {
            @Override
            public void transition(String agent, AgentState from, AgentState to, String reason) {
                reasons.add(agent + ":" + to + ":" + reason);
            }
        };
        return AgentFeature.over(asterisk, new InMemoryIdleAgentMirror(), log, properties,
                (delay, task) -> timers.add(delay), clock);
    }

    @Test
    void aPauseForAConfiguredReasonIsLoggedWithItsCodeAndAnUnknownOneChangesNothing() {
        AgentService agents = feature(AgentProperties.defaults()).service();
        agents.login("a1", Q);

        assertThatThrownBy(() -> agents.pauseFor("a1", "<b>nap</b>")).isInstanceOf(UnknownPauseReason.class)
                .hasFieldOrPropertyWithValue("code", "PAUSE_REASON_UNKNOWN");
        assertThat(agents.state("a1")).isEqualTo(AgentState.IDLE);
        assertThat(asterisk.members(Q)).containsExactly("a1");

        Agent paused = agents.pauseFor("a1", "lunch");
        assertThat(paused.state()).isEqualTo(AgentState.PAUSED);
        assertThat(paused.pauseReason()).isEqualTo("lunch");
        assertThat(asterisk.members(Q)).isEmpty();
        assertThat(reasons).last().isEqualTo("a1:PAUSED:pause: lunch");
    }

    @Test
    void aPauseWithoutAReasonTakesTheFirstConfiguredOne() {
        AgentService agents = feature(AgentProperties.defaults()).service();
        agents.login("a1", Q);
        assertThat(agents.pauseFor("a1", null).pauseReason()).isEqualTo("break");
        assertThat(agents.pauseReasons()).extracting(LabelledCode::code)
                .containsExactly("break", "lunch", "training", "meeting");
        assertThat(agents.pauseReasons().get(0).labels()).containsEntry("zh-CN", "休息").containsEntry("en", "Break");
    }

    @Test
    void thePhonesFeatureCodePauseKeepsItsOwnReason() {
        AgentService agents = feature(AgentProperties.defaults()).service();
        agents.login("a1", Q);
        assertThat(agents.pause("a1", "phone").pauseReason()).isEqualTo("phone");
    }

    @Test
    void anAgentWithAWrapUpTimeOfItsOwnGetsItAndOthersKeepTheDefault() {
        AgentProperties properties = new AgentProperties(Duration.ZERO, 0, Duration.ofSeconds(2),
                Map.of("trainee", Duration.ofSeconds(90)), null, null);
        AgentFeature feature = feature(properties);
        AgentService agents = feature.service();
        agents.login("trainee", Q);
        agents.login("a2", Q);
        for (String agent : List.of("trainee", "a2")) {
            ChannelId caller = new ChannelId("c-" + agent);
            feature.rules().on(new QueueCallEvent.AgentAnswered(Q, caller, agent));
            feature.rules().on(new QueueCallEvent.AgentHungUp(Q, caller, agent, HungUpBy.CALLER));
        }
        assertThat(agents.state("trainee")).isEqualTo(AgentState.WRAP_UP);
        assertThat(agents.state("a2")).isEqualTo(AgentState.IDLE);
        assertThat(timers).containsExactly(Duration.ofSeconds(90));
        assertThat(agents.endWrapUp("trainee").state()).isEqualTo(AgentState.IDLE);
        assertThat(asterisk.members(Q)).containsExactly("a2", "trainee");
    }

    @Test
    void queuesAgentsLoggedInToAreKnown() {
        AgentService agents = feature(AgentProperties.defaults()).service();
        agents.login("a1", List.of(Q, "billing"));
        assertThat(agents.knownQueues()).contains(Q, "billing");
    }

    @Test
    void aCodeConfiguredTwiceIsRefusedAtStart() {
        assertThatThrownBy(() -> new AgentProperties(Duration.ZERO, 0, Duration.ofSeconds(2), Map.of(),
                List.of(LabelledCode.of("break", "休息", "Break"), LabelledCode.of("break", "又", "Again")), null))
                .hasMessageContaining("pause-reasons");
    }
}
