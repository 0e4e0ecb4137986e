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
import org.junit.jupiter.api.Test;

class AgentServiceTests {

    private static final String Q = "support";
    private static final String B = "billing";

    private final FakeQueueMembership asterisk = new FakeQueueMembership();
    private final InMemoryIdleAgentMirror redis = new InMemoryIdleAgentMirror();
    private final List<String> transitions = new ArrayList<>();
    private final List<Runnable> timers = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T09:00:00Z"));
    private AgentFeature feature = feature(AgentProperties.defaults());
    private AgentService agents = feature.service();
    private QueueCallRules calls = feature.rules();
    private FifoReconciler reconciler = feature.reconciler();

    private void useFeature(AgentFeature other) {
        feature = other;
        agents = other.service();
        calls = other.rules();
        reconciler = other.reconciler();
    }

    private AgentFeature feature(AgentProperties properties) {
        return AgentFeature.over(asterisk, redis,
                (agent, from, to, reason) -> transitions.add(agent + ":" + from + "->" + to), properties,
                (delay, task) -> timers.add(task), clock);
    }

    @Test
    void loginsJoinTheTailInOrder() {
        agents.login("a2", Q);
        agents.login("a1", Q);
        agents.login("a3", Q);

        assertFifo(Q, "a2", "a1", "a3");
        assertThat(transitions).containsExactly("a2:LOGGED_OUT->IDLE", "a1:LOGGED_OUT->IDLE", "a3:LOGGED_OUT->IDLE");
    }

    @Test
    void theAgentWhoAnswersLeavesTheFifoAndReturnsToItsTailWhenEitherSideHangsUp() {
        agents.login("a1", Q);
        agents.login("a2", Q);
        agents.login("a3", Q);

        calls.on(new QueueCallEvent.AgentRinging(Q, new ChannelId("c1"), "a1"));
        assertFifo(Q, "a1", "a2", "a3");
        calls.on(new QueueCallEvent.AgentAnswered(Q, new ChannelId("c1"), "a1"));
        assertFifo(Q, "a2", "a3");
        assertThat(agents.state("a1")).isEqualTo(AgentState.TALKING);

        calls.on(new QueueCallEvent.AgentAnswered(Q, new ChannelId("c2"), "a2"));
        calls.on(new QueueCallEvent.AgentHungUp(Q, new ChannelId("c2"), "a2", HungUpBy.CALLER));
        calls.on(new QueueCallEvent.AgentHungUp(Q, new ChannelId("c1"), "a1", HungUpBy.AGENT));

        assertFifo(Q, "a3", "a2", "a1");
    }

    @Test
    void anAgentWhoDoesNotAnswerKeepsItsPlace() {
        agents.login("a1", Q);
        agents.login("a2", Q);
        calls.on(new QueueCallEvent.AgentRinging(Q, new ChannelId("c1"), "a1"));
        calls.on(new QueueCallEvent.AgentDidNotAnswer(Q, new ChannelId("c1"), "a1"));

        assertFifo(Q, "a1", "a2");
        assertThat(agents.agent("a1").missedRings()).isEqualTo(1);
    }

    @Test
    void anAgentWhoMissesTooManyRingsIsPaused() {
        useFeature(feature(AgentProperties.of(Duration.ZERO, 2, Duration.ofSeconds(2))));
        agents.login("a1", Q);
        agents.login("a2", Q);
        for (String call : List.of("c1", "c2")) {
            calls.on(new QueueCallEvent.AgentRinging(Q, new ChannelId(call), "a1"));
            calls.on(new QueueCallEvent.AgentDidNotAnswer(Q, new ChannelId(call), "a1"));
        }

        assertThat(agents.state("a1")).isEqualTo(AgentState.PAUSED);
        assertThat(agents.agent("a1").pauseReason()).isEqualTo("missed 2 calls");
        assertFifo(Q, "a2");
    }

    @Test
    void aRingingAgentWhoseCallerLeavesIsIdleAgain() {
        agents.login("a1", Q);
        calls.on(new QueueCallEvent.AgentRinging(Q, new ChannelId("c1"), "a1"));
        calls.on(new QueueCallEvent.CallerAbandoned(Q, new ChannelId("c1")));

        assertThat(agents.state("a1")).isEqualTo(AgentState.IDLE);
        assertFifo(Q, "a1");
    }

    @Test
    void pauseRemovesAndResumeGoesToTheTail() {
        agents.login("a1", Q);
        agents.login("a2", Q);
        agents.pause("a1", "coffee");
        assertFifo(Q, "a2");
        assertThat(agents.agent("a1").pauseReason()).isEqualTo("coffee");

        agents.resume("a1");
        assertFifo(Q, "a2", "a1");
        assertThatThrownBy(() -> agents.resume("a1")).isInstanceOf(AgentEventNotAllowed.class);
    }

    @Test
    void wrapUpKeepsTheAgentOutOfTheFifoUntilItIsOver() {
        useFeature(feature(AgentProperties.of(Duration.ofSeconds(5), 0, Duration.ofSeconds(2))));
        agents.login("a1", Q);
        agents.login("a2", Q);
        calls.on(new QueueCallEvent.AgentAnswered(Q, new ChannelId("c1"), "a1"));
        calls.on(new QueueCallEvent.AgentHungUp(Q, new ChannelId("c1"), "a1", HungUpBy.CALLER));
        assertThat(agents.state("a1")).isEqualTo(AgentState.WRAP_UP);
        assertFifo(Q, "a2");

        timers.forEach(Runnable::run);
        assertFifo(Q, "a2", "a1");
    }

    @Test
    void anAgentEndsItsWrapUpEarlyAndJoinsTheTail() {
        useFeature(feature(AgentProperties.of(Duration.ofSeconds(5), 0, Duration.ofSeconds(60))));
        agents.login("a1", Q);
        agents.login("a2", Q);
        assertThatThrownBy(() -> agents.endWrapUp("a1")).isInstanceOf(AgentEventNotAllowed.class);
        calls.on(new QueueCallEvent.AgentAnswered(Q, new ChannelId("c1"), "a1"));
        calls.on(new QueueCallEvent.AgentHungUp(Q, new ChannelId("c1"), "a1", HungUpBy.AGENT));

        assertThat(agents.endWrapUp("a1").state()).isEqualTo(AgentState.IDLE);
        assertFifo(Q, "a2", "a1");
        timers.forEach(Runnable::run);
        assertFifo(Q, "a2", "a1");
    }

    @Test
    void listenersHearEachTransitionWithWhenTheStateBegan() {
        List<String> heard = new ArrayList<>();
        agents.subscribe((before, after, since) -> heard.add(after.name() + ":" + before.state() + "->"
                + after.state() + "@" + since));
        agents.login("a1", Q);
        clock.advance(Duration.ofSeconds(20));
        calls.on(new QueueCallEvent.AgentAnswered(Q, new ChannelId("c1"), "a1"));
        clock.advance(Duration.ofSeconds(10));
        agents.pause("a1", "lunch");

        assertThat(heard).containsExactly("a1:LOGGED_OUT->IDLE@2026-12-05T09:00:00Z",
                "a1:IDLE->TALKING@2026-12-05T09:00:20Z", "a1:TALKING->TALKING@2026-12-05T09:00:20Z");
        assertThat(agents.since("a1")).isEqualTo(Instant.parse("2026-12-05T09:00:20Z"));
        assertThat(agents.since("nobody")).isNull();
    }

    @Test
    void anAgentServingTwoQueuesLeavesBothWhenItAnswersAndRejoinsBothTails() {
        agents.login("a1", List.of(Q, B));
        agents.login("a2", List.of(Q));
        agents.login("a3", List.of(B));

        calls.on(new QueueCallEvent.AgentAnswered(Q, new ChannelId("c1"), "a1"));
        assertFifo(Q, "a2");
        assertFifo(B, "a3");
        calls.on(new QueueCallEvent.AgentHungUp(Q, new ChannelId("c1"), "a1", HungUpBy.AGENT));
        assertFifo(Q, "a2", "a1");
        assertFifo(B, "a3", "a1");
        assertThat(agents.servingAgents(B)).isEqualTo(2);
    }

    @Test
    void anAgentWhoLogsOutDuringACallDoesNotComeBackWhenItEnds() {
        agents.login("a1", Q);
        calls.on(new QueueCallEvent.AgentAnswered(Q, new ChannelId("c1"), "a1"));
        agents.logout("a1");
        calls.on(new QueueCallEvent.AgentHungUp(Q, new ChannelId("c1"), "a1", HungUpBy.CALLER));

        assertFifo(Q);
        assertThat(agents.state("a1")).isEqualTo(AgentState.LOGGED_OUT);
    }

    @Test
    void anAgentWhosePhoneIsLostIsLoggedOut() {
        agents.login("a1", Q);
        agents.login("a2", Q);
        calls.phoneUnavailable("a1");

        assertThat(agents.state("a1")).isEqualTo(AgentState.LOGGED_OUT);
        assertFifo(Q, "a2");
    }

    @Test
    void rebuildTakesAsterisksMembersAsTheTruth() {
        asterisk.add(Q, "b");
        asterisk.add(Q, "a");
        redis.replace(Q, List.of("stale"));

        reconciler.rebuild(Q);

        assertThat(agents.idleAgents(Q)).containsExactly("b", "a");
        assertThat(redis.read(Q)).containsExactly("b", "a");
        assertThat(agents.state("a")).isEqualTo(AgentState.IDLE);
    }

    @Test
    void aLostMirrorIsRebuiltFromAsterisk() {
        reconciler.rebuild(Q);
        agents.login("a1", Q);
        agents.login("a2", Q);
        assertThat(reconciler.repairMirror()).isEmpty();

        redis.flush();

        assertThat(reconciler.repairMirror()).containsExactly(Q);
        assertFifo(Q, "a1", "a2");
    }

    @Test
    void badNamesAndUnknownAgentsAreNamedErrors() {
        assertThatThrownBy(() -> agents.login("bad name", Q)).isInstanceOf(InvalidAgentName.class);
        assertThatThrownBy(() -> agents.logout("nobody")).isInstanceOf(NoSuchAgent.class);
        assertThatThrownBy(() -> agents.pause("nobody", "x")).isInstanceOf(NoSuchAgent.class);
    }

    private void assertFifo(String queue, String... expected) {
        assertThat(agents.idleAgents(queue)).as("FIFO").containsExactly(expected);
        assertThat(asterisk.members(queue)).as("Asterisk").containsExactly(expected);
        assertThat(redis.read(queue)).as("Redis").containsExactly(expected);
    }
}
