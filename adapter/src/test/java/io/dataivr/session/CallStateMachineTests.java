package io.dataivr.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataivr.call.ChannelId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every call state × every event: the state it leads to, or {@link CallEventNotAllowed}. */
class CallStateMachineTests {

    private static final VoiceRequest REQUEST = new VoiceRequest("vr-1", UUID.randomUUID(), "support", "0",
            Instant.parse("2026-11-26T06:00:00Z"));
    private static final VoiceRequest NEXT_REQUEST = new VoiceRequest("vr-2", REQUEST.sessionId(), "support", "0",
            Instant.parse("2026-11-26T06:10:00Z"));
    private static final CallEvent.Place FIRST = new CallEvent.Place(1, 60, null);
    private static final CallEvent.Place SECOND = new CallEvent.Place(2, null, CallState.NoEstimate.NO_AGENT_AVAILABLE);
    private static final CallEnd HUNG_UP = CallEnd.of(CallEnd.By.CUSTOMER, CallEnd.Reason.COMPLETED);

    private static final CallState NONE = new CallState.NoCall();
    private static final CallState REQUESTED = new CallState.Requested(REQUEST);
    private static final CallState LINKED = new CallState.Requested(REQUEST, new ChannelId("chan-1"));
    private static final CallState QUEUED = new CallState.Queued(REQUEST, new ChannelId("chan-1"), 1, 60, null);
    private static final CallState RINGING = new CallState.Ringing(REQUEST, new ChannelId("chan-1"), "agent2");
    private static final CallState TALKING = new CallState.Talking(REQUEST, new ChannelId("chan-1"), "agent2");
    private static final CallState ENDED = new CallState.Ended(REQUEST, HUNG_UP);

    private static final Map<String, CallState> STATES = new LinkedHashMap<>();
    private static final Map<String, CallEvent> EVENTS = new LinkedHashMap<>();

    static {
        STATES.put("none", NONE);
        STATES.put("requested", REQUESTED);
        STATES.put("linked", LINKED);
        STATES.put("queued", QUEUED);
        STATES.put("ringing", RINGING);
        STATES.put("talking", TALKING);
        STATES.put("ended", ENDED);
        EVENTS.put("request", new CallEvent.Requested(NEXT_REQUEST));
        EVENTS.put("link", new CallEvent.Linked(new ChannelId("chan-1")));
        EVENTS.put("join", new CallEvent.Joined(new ChannelId("chan-1"), SECOND));
        EVENTS.put("place-change", new CallEvent.PlaceChanged(SECOND));
        EVENTS.put("ring", new CallEvent.Rang("agent3"));
        EVENTS.put("ring-unanswered", new CallEvent.RingUnanswered(SECOND));
        EVENTS.put("answer", new CallEvent.Answered("agent3"));
        EVENTS.put("end", new CallEvent.Ended(CallEnd.of(CallEnd.By.AGENT, CallEnd.Reason.COMPLETED)));
        EVENTS.put("recover-queued", new CallEvent.Recovered(QUEUED));
        EVENTS.put("recover-talking", new CallEvent.Recovered(TALKING));
        EVENTS.put("recover-requested", new CallEvent.Recovered(REQUESTED));
        EVENTS.put("recover-other-request", new CallEvent.Recovered(
                new CallState.Talking(NEXT_REQUEST, new ChannelId("chan-9"), "agent1")));
    }

    /** The table of allowed transitions; every other pair is refused. */
    private static Map<String, CallState> allowed() {
        CallState queuedSecond = new CallState.Queued(REQUEST, new ChannelId("chan-1"), 2, null,
                CallState.NoEstimate.NO_AGENT_AVAILABLE);
        CallState ringingOther = new CallState.Ringing(REQUEST, new ChannelId("chan-1"), "agent3");
        CallState talkingOther = new CallState.Talking(REQUEST, new ChannelId("chan-1"), "agent3");
        CallState endedByAgent = new CallState.Ended(REQUEST, CallEnd.of(CallEnd.By.AGENT, CallEnd.Reason.COMPLETED));
        Map<String, CallState> next = new LinkedHashMap<>();
        next.put("none request", new CallState.Requested(NEXT_REQUEST));
        next.put("none recover-queued", QUEUED);
        next.put("none recover-talking", TALKING);
        next.put("none recover-other-request", new CallState.Talking(NEXT_REQUEST, new ChannelId("chan-9"), "agent1"));
        next.put("requested link", LINKED);
        next.put("requested join", queuedSecond);
        next.put("requested end", endedByAgent);
        next.put("requested recover-queued", QUEUED);
        next.put("requested recover-talking", TALKING);
        next.put("linked join", queuedSecond);
        next.put("linked ring", ringingOther);
        next.put("linked answer", talkingOther);
        next.put("linked end", endedByAgent);
        next.put("linked recover-queued", QUEUED);
        next.put("linked recover-talking", TALKING);
        next.put("queued place-change", queuedSecond);
        next.put("queued ring", ringingOther);
        next.put("queued answer", talkingOther);
        next.put("queued end", endedByAgent);
        next.put("ringing ring-unanswered", queuedSecond);
        next.put("ringing answer", talkingOther);
        next.put("ringing end", endedByAgent);
        next.put("talking end", endedByAgent);
        next.put("ended request", new CallState.Requested(NEXT_REQUEST));
        next.put("ended recover-queued", QUEUED);
        next.put("ended recover-talking", TALKING);
        next.put("ended recover-other-request", new CallState.Talking(NEXT_REQUEST, new ChannelId("chan-9"), "agent1"));
        return next;
    }

    static Stream<Arguments> everyStateAndEvent() {
        List<Arguments> pairs = new ArrayList<>();
        STATES.keySet().forEach(state -> EVENTS.keySet().forEach(event -> pairs.add(Arguments.of(state, event))));
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyStateAndEvent")
    void everyEventInEveryStateLeadsWhereTheTableSaysOrIsRefusedByName(String state, String event) {
        CallState before = STATES.get(state);
        CallEvent happened = EVENTS.get(event);
        CallState expected = allowed().get(state + " " + event);
        if (expected != null) {
            assertThat(CallStateMachine.next(before, happened)).isEqualTo(expected);
        } else {
            assertThatThrownBy(() -> CallStateMachine.next(before, happened))
                    .isInstanceOfSatisfying(CallEventNotAllowed.class, e -> {
                        assertThat(e.code()).isEqualTo("CALL_STATE_CONFLICT");
                        assertThat(e.state()).isEqualTo(before);
                        assertThat(e.event()).isEqualTo(happened);
                        assertThat(e.getMessage()).contains(before.name()).contains(happened.name());
                    });
        }
    }

    @Test
    void theTableNamesOnlyStatesAndEventsThatExist() {
        assertThat(allowed().keySet()).allSatisfy(pair -> {
            String[] parts = pair.split(" ");
            assertThat(STATES).containsKey(parts[0]);
            assertThat(EVENTS).containsKey(parts[1]);
        });
    }

    @Test
    void aLinkedCallCannotBeLinkedAgainNorJoinWithAnotherChannel() {
        assertThatThrownBy(() -> CallStateMachine.next(LINKED, new CallEvent.Linked(new ChannelId("chan-2"))))
                .isInstanceOf(CallEventNotAllowed.class);
        assertThatThrownBy(() -> CallStateMachine.next(LINKED, new CallEvent.Joined(new ChannelId("chan-2"), FIRST)))
                .isInstanceOf(CallEventNotAllowed.class);
    }

    @Test
    void aWholeCallGoesRequestedQueuedRingingTalkingEnded() {
        CallState state = NONE;
        for (CallEvent event : List.of(new CallEvent.Requested(REQUEST), new CallEvent.Linked(new ChannelId("chan-1")),
                new CallEvent.Joined(new ChannelId("chan-1"), FIRST), new CallEvent.Rang("agent2"), new CallEvent.Answered("agent2"),
                new CallEvent.Ended(HUNG_UP))) {
            state = CallStateMachine.next(state, event);
        }
        assertThat(state).isEqualTo(ENDED);
        assertThat(state.active()).isFalse();
    }

    @Test
    void aQueuedCallHasAnEstimateOrAReasonWhyNotNeverBothNorNeither() {
        assertThatThrownBy(() -> new CallState.Queued(REQUEST, new ChannelId("chan-1"), 1, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallState.Queued(REQUEST, new ChannelId("chan-1"), 1, 60,
                CallState.NoEstimate.NO_AGENT_AVAILABLE)).isInstanceOf(IllegalArgumentException.class);
    }
}
