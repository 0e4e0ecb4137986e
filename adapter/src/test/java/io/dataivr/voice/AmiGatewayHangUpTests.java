package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.call.ChannelId;
import io.dataivr.call.HungUpBy;
import io.dataivr.call.QueueCallEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who ended a call comes from app_queue's AgentComplete, even when Asterisk sends the caller's Hangup
 * first (the agent hung up, and the queue's events are published on a thread of their own). The events
 * go through the gateway's dispatcher and caller tracker as on the event thread; the hold's timer is the
 * test's, which runs what was scheduled when the test says the hold has passed.
 */
class AmiGatewayHangUpTests {

    static final String QUEUE = "support";
    static final String CALLER = "1700000000.1";

    private final List<Runnable> held = new ArrayList<>();
    private final List<Duration> holds = new ArrayList<>();
    private final List<QueueCallEvent> told = new CopyOnWriteArrayList<>();
    private final AmiEventDispatcher gateway = new AmiEventDispatcher(new VoiceProperties("127.0.0.1", 5038, "dataivr",
            "secret", Duration.ofSeconds(1), "127.0.0.1", 0, 1, "PJSIP/{agent}", List.of(QUEUE), null, null),
            new EventTimings(false), event -> { });
    private final QueueCallerTracker callers = new QueueCallerTracker((delay, task) -> {
        holds.add(delay);
        held.add(task);
        return true;
    }, gateway::dispatch);

    AmiGatewayHangUpTests() {
        gateway.follow(callers);
        gateway.subscribe(told::add);
    }

    @AfterEach
    void stop() {
        gateway.stop();
    }

    /** The hold has passed: what the tracker scheduled runs now. */
    private void holdPassed() {
        List<Runnable> due = List.copyOf(held);
        held.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void anAgentsHangUpReportedAfterTheCallersHangupStillSaysTheAgentHungUp() {
        gateway.handle(joined());
        gateway.handle(connected());
        gateway.handle(hangup());
        assertThat(told).as("the caller's Hangup is held while the call was talking")
                .noneMatch(e -> e instanceof QueueCallEvent.CallerHungUp);

        gateway.handle(completed("agent"));

        assertThat(told).hasSize(4);
        assertThat(told.get(2)).isEqualTo(new QueueCallEvent.AgentHungUp(QUEUE, new ChannelId(CALLER), "agent1", HungUpBy.AGENT));
        assertThat(told.get(3)).isEqualTo(new QueueCallEvent.CallerHungUp(QUEUE, new ChannelId(CALLER)));
    }

    @Test
    void aCallerWhoHangsUpBeforeAnAgentAnsweredIsToldAtOnce() {
        gateway.handle(joined());
        gateway.handle(hangup());

        assertThat(told).containsExactly(new QueueCallEvent.CallerJoined(QUEUE, new ChannelId(CALLER), 1),
                new QueueCallEvent.CallerHungUp(QUEUE, new ChannelId(CALLER)));
    }

    @Test
    void aTalkingCallersHangUpWithoutAgentCompleteIsToldOnceTheHoldHasPassed() {
        gateway.handle(joined());
        gateway.handle(connected());
        gateway.handle(hangup());

        assertThat(told).as("held").doesNotContain(new QueueCallEvent.CallerHungUp(QUEUE, new ChannelId(CALLER)));
        assertThat(holds).containsExactly(QueueCallerTracker.HOLD);

        holdPassed();
        assertThat(told).contains(new QueueCallEvent.CallerHungUp(QUEUE, new ChannelId(CALLER)));
        gateway.handle(completed("caller")); // too late: told, but no second hang-up
        assertThat(told.stream().filter(e -> e instanceof QueueCallEvent.CallerHungUp)).hasSize(1);
    }

    @Test
    void aLinkedCallThatEndsBeforeJoiningTheQueueIsToldAsTheCallersHangUp() {
        callers.know(CALLER, "Local/vr-abc@dataivr-customer-00000001;2", QUEUE, false);
        gateway.handle(hangup());

        assertThat(told).containsExactly(new QueueCallEvent.CallerHungUp(QUEUE, new ChannelId(CALLER)));
    }

    private static QueueCallerJoinEvent joined() {
        QueueCallerJoinEvent event = new QueueCallerJoinEvent(QUEUE);
        event.setQueue(QUEUE);
        event.setUniqueId(CALLER);
        event.setChannel("PJSIP/customer1-00000001");
        event.setPosition(1);
        return event;
    }

    private static AgentConnectEvent connected() {
        AgentConnectEvent event = new AgentConnectEvent(QUEUE);
        event.setQueue(QUEUE);
        event.setUniqueId(CALLER);
        event.setMemberName("agent1");
        event.setInterface("PJSIP/agent1");
        return event;
    }

    private static AgentCompleteEvent completed(String reason) {
        AgentCompleteEvent event = new AgentCompleteEvent(QUEUE);
        event.setQueue(QUEUE);
        event.setUniqueId(CALLER);
        event.setMemberName("agent1");
        event.setInterface("PJSIP/agent1");
        event.setReason(reason);
        return event;
    }

    private static HangupEvent hangup() {
        HangupEvent event = new HangupEvent(QUEUE);
        event.setUniqueId(CALLER);
        event.setChannel("PJSIP/customer1-00000001");
        return event;
    }
}
