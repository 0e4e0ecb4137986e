package io.dataivr.session.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.call.ChannelId;
import io.dataivr.call.HungUpBy;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.api.Views;
import io.dataivr.fixtures.InMemoryUsedTokenStore;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.fixtures.SessionFixtures;
import io.dataivr.session.CallEnd;
import io.dataivr.session.CallState;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.VoiceRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** The {@code call} messages an app is pushed are the call state machine's transitions (docs/protocol.md). */
class CallMessagesTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
    private final Map<UUID, List<CallState>> told = new ConcurrentHashMap<>();
    private final List<String> hungUp = new CopyOnWriteArrayList<>();
    private final AtomicInteger serving = new AtomicInteger(1);
    private final SessionFixtures.Demo demo = SessionFixtures.demo(clock, new InMemoryUsedTokenStore(clock),
            (id, state) -> told.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(state), channel -> hungUp.add(channel.value()),
            queue -> serving.get());
    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();

    @Test
    void theAppIsToldRequestedThenItsRealPlaceWithAnEstimateNeverPositionZero() throws Exception {
        VoiceRequest request = asksForAnAgent();
        demo.calls().claim(request.id(), new ChannelId("chan-1"), null);
        demo.calls().on(new QueueCallEvent.CallerJoined("support", new ChannelId("chan-1"), 1));

        assertThat(told.get(request.sessionId())).containsExactly(new CallState.Requested(request),
                new CallState.Queued(request, new ChannelId("chan-1"), 1, 60, null));
        assertThat(wire(told.get(request.sessionId()).get(1)))
                .isEqualTo("{\"type\":\"call\",\"state\":\"queued\",\"request\":\"" + request.id()
                        + "\",\"position\":1,\"estimatedWaitSeconds\":60}");
    }

    @Test
    void aCallerFoundAheadAtAReconnectMovesTheAppsPlaceAndTheAppIsToldOnce() {
        VoiceRequest request = asksForAnAgent();
        ChannelId ours = new ChannelId("chan-1");
        demo.calls().claim(request.id(), ours, null);
        // Asterisk puts it second, behind a caller who joined while no events were followed: not known yet.
        demo.calls().on(new QueueCallEvent.CallerJoined("support", ours, 2));
        assertThat(last(request)).isEqualTo(new CallState.Queued(request, ours, 1, 60, null));

        // The reconnect reads the queue from Asterisk, first in line first.
        demo.calls().on(new QueueCallEvent.CallerFound("support", new ChannelId("phone-caller"), 1,
                clock.instant().minusSeconds(90)));
        demo.calls().on(new QueueCallEvent.CallerFound("support", ours, 2, clock.instant().minusSeconds(5)));

        assertThat(told.get(request.sessionId())).containsExactly(new CallState.Requested(request),
                new CallState.Queued(request, ours, 1, 60, null), new CallState.Queued(request, ours, 2, 120, null));
    }

    @Test
    void withEveryAgentPausedOrLoggedOutTheQueuedMessageSaysWhyItHasNoEstimate() throws Exception {
        serving.set(0);
        VoiceRequest request = asksForAnAgent();
        demo.calls().claim(request.id(), new ChannelId("chan-1"), null);
        demo.calls().on(new QueueCallEvent.CallerJoined("support", new ChannelId("chan-1"), 1));

        CallState queued = last(request);
        assertThat(queued).isEqualTo(new CallState.Queued(request, new ChannelId("chan-1"), 1, null,
                CallState.NoEstimate.NO_AGENT_AVAILABLE));
        assertThat(wire(queued)).isEqualTo("{\"type\":\"call\",\"state\":\"queued\",\"request\":\"" + request.id()
                + "\",\"position\":1,\"estimatedWaitSeconds\":null,\"reason\":\"NO_AGENT_AVAILABLE\"}");
    }

    @Test
    void endingTheSessionDuringACallTellsTheAppCallEndedBeforeItsEndedAndHangsTheCallUp() throws Exception {
        VoiceRequest request = asksForAnAgent();
        demo.calls().claim(request.id(), new ChannelId("chan-1"), null);
        demo.calls().on(new QueueCallEvent.CallerJoined("support", new ChannelId("chan-1"), 1));
        demo.calls().on(new QueueCallEvent.AgentRinging("support", new ChannelId("chan-1"), "agent2"));
        demo.calls().on(new QueueCallEvent.AgentAnswered("support", new ChannelId("chan-1"), "agent2"));

        demo.sessions().end(request.sessionId(), "customer");

        CallState.Ended ended = new CallState.Ended(request, CallEnd.of(CallEnd.By.CUSTOMER,
                CallEnd.Reason.SESSION_ENDED));
        assertThat(last(request)).isEqualTo(ended);
        assertThat(wire(ended)).isEqualTo("{\"type\":\"call\",\"state\":\"ended\",\"request\":\"" + request.id()
                + "\",\"endedBy\":\"customer\",\"reason\":\"SESSION_ENDED\"}");
        assertThat(hungUp).containsExactly("chan-1");

        // Asterisk then reports the end: the call record is closed, the app (gone) is told nothing more.
        int messages = told.get(request.sessionId()).size();
        demo.calls().on(new QueueCallEvent.AgentHungUp("support", new ChannelId("chan-1"), "agent2", HungUpBy.CALLER));
        demo.calls().on(new QueueCallEvent.CallerHungUp("support", new ChannelId("chan-1")));
        assertThat(told.get(request.sessionId())).hasSize(messages);
        assertThat(demo.store().callOutcomes).containsExactly(request.id() + ":completed by caller");
    }

    @Test
    void aSessionEndedBeforeItsCallReachedAsteriskCancelsTheRequest() {
        VoiceRequest request = asksForAnAgent();

        demo.sessions().end(request.sessionId(), "expired");

        assertThat(last(request)).isEqualTo(new CallState.Ended(request,
                CallEnd.of(CallEnd.By.SYSTEM, CallEnd.Reason.SESSION_ENDED)));
        assertThat(hungUp).isEmpty();
        assertThat(demo.store().callOutcomes).containsExactly(request.id() + ":cancelled");
    }

    @Test
    void hangingUpBeforeTheCallReachedAsteriskIsACancelByTheCustomer() {
        VoiceRequest request = asksForAnAgent();

        demo.sessions().hangUp(request.sessionId());

        assertThat(last(request)).isEqualTo(new CallState.Ended(request,
                CallEnd.of(CallEnd.By.CUSTOMER, CallEnd.Reason.CANCELLED)));
        assertThat(demo.sessions().choose(request.sessionId(), "0")).as("a new request may follow")
                .isInstanceOf(ChoiceOutcome.VoiceRequested.class);
    }

    @Test
    void theEndSaysWhoEndedTheCallAndWhy() {
        VoiceRequest byAgent = talking("chan-1");
        demo.calls().on(new QueueCallEvent.AgentHungUp("support", new ChannelId("chan-1"), "agent2", HungUpBy.AGENT));
        assertThat(last(byAgent)).isEqualTo(new CallState.Ended(byAgent,
                CallEnd.of(CallEnd.By.AGENT, CallEnd.Reason.COMPLETED)));

        VoiceRequest gaveUp = asksForAnAgent();
        demo.calls().claim(gaveUp.id(), new ChannelId("chan-2"), null);
        demo.calls().on(new QueueCallEvent.CallerJoined("support", new ChannelId("chan-2"), 1));
        demo.sessions().hangUp(gaveUp.sessionId()); // the app's hangup while it waits
        demo.calls().on(new QueueCallEvent.CallerAbandoned("support", new ChannelId("chan-2")));
        assertThat(last(gaveUp)).isEqualTo(new CallState.Ended(gaveUp,
                CallEnd.of(CallEnd.By.CUSTOMER, CallEnd.Reason.GAVE_UP)));

        VoiceRequest lostDevice = talking("chan-3");
        demo.calls().hangUp(lostDevice.sessionId(), CallEnd.of(CallEnd.By.SYSTEM, CallEnd.Reason.DEVICE_LOST));
        demo.calls().on(new QueueCallEvent.CallerHungUp("support", new ChannelId("chan-3")));
        assertThat(last(lostDevice)).isEqualTo(new CallState.Ended(lostDevice,
                CallEnd.of(CallEnd.By.SYSTEM, CallEnd.Reason.DEVICE_LOST)));
        assertThat(hungUp).containsExactly("chan-2", "chan-3");
    }

    @Test
    void anEventThatCannotHappenIsDroppedAndChangesNothing() {
        VoiceRequest request = asksForAnAgent();
        demo.calls().claim(request.id(), new ChannelId("chan-1"), null);
        demo.calls().on(new QueueCallEvent.AgentDidNotAnswer("support", new ChannelId("chan-1"), "agent2")); // never rang

        assertThat(last(request)).isEqualTo(new CallState.Requested(request));
        assertThat(told.get(request.sessionId())).hasSize(1);
    }

    private VoiceRequest talking(String channel) {
        VoiceRequest request = asksForAnAgent();
        demo.calls().claim(request.id(), new ChannelId(channel), null);
        demo.calls().on(new QueueCallEvent.CallerJoined("support", new ChannelId(channel), 1));
        demo.calls().on(new QueueCallEvent.AgentAnswered("support", new ChannelId(channel), "agent2"));
        demo.calls().on(new QueueCallEvent.CallerLeft("support", new ChannelId(channel), 1));
        return request;
    }

    private VoiceRequest asksForAnAgent() {
        UUID id = demo.sessions().start(null, "en", "app").session().id();
        return ((ChoiceOutcome.VoiceRequested) demo.sessions().choose(id, "0")).request();
    }

    private CallState last(VoiceRequest request) {
        List<CallState> states = new ArrayList<>(told.getOrDefault(request.sessionId(), List.of()));
        return states.isEmpty() ? null : states.get(states.size() - 1);
    }

    private String wire(CallState state) throws Exception {
        return json.writeValueAsString(Views.CallView.of(state));
    }
}
