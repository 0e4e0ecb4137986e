package io.dataivr.session.call;

import io.dataivr.call.CallOutcome;
import io.dataivr.call.ChannelId;
import io.dataivr.call.HungUpBy;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.session.CallEnd;
import io.dataivr.session.CallEvent;
import io.dataivr.session.CallEventNotAllowed;
import io.dataivr.session.CallState;
import io.dataivr.session.CallStateMachine;
import io.dataivr.session.SessionStore;
import io.dataivr.session.VoiceRequest;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each linked call through its queue to its end: Asterisk's queue events become
 * {@link CallEvent}s for {@link CallStateMachine} (through {@link CallTransitions}), the call record is
 * kept, and waiting callers are told where they stand ({@link QueuePositions}). Serialised: queue
 * events arrive in Asterisk's order and are handled one at a time.
 */
final class CallFollower {

    private static final Logger log = LoggerFactory.getLogger(CallFollower.class);

    private final SessionStore store;
    private final CallTransitions transitions;
    private final QueuePositions positions;
    private final Clock clock;
    private final Map<ChannelId, VoiceRequest> byCallerChannel = new ConcurrentHashMap<>();
    /** When each followed call was linked, in link order (see {@link #closeGone}). */
    private final Map<ChannelId, Long> linkOrder = new ConcurrentHashMap<>();
    /** Why the adapter hung a call up, for the app's {@code call ended} once Asterisk reports the end. */
    private final Map<ChannelId, CallEnd> endCauses = new ConcurrentHashMap<>();
    private final AtomicLong links = new AtomicLong();
    /** Sessions restored after a restart without their app: they end when their call does. */
    private final Set<UUID> restored = ConcurrentHashMap.newKeySet();
    private volatile Consumer<UUID> restoredCallEnded = sessionId -> { };

    CallFollower(SessionStore store, CallTransitions transitions, QueuePositions positions, Clock clock) {
        this.store = store;
        this.transitions = transitions;
        this.positions = positions;
        this.clock = clock;
    }

    /**
     * The request's call reached Asterisk on {@code callerChannelId}: followed from now on. Not serialised
     * with the queue events (the maps are concurrent; {@link VoiceCallService} serialises claims): no event of
     * this call can come before it, since Asterisk queues the call only once the link is answered.
     */
    void linked(VoiceRequest request, ChannelId callerChannelId) {
        byCallerChannel.put(callerChannelId, request);
        linkOrder.put(callerChannelId, links.incrementAndGet());
        apply(request, new CallEvent.Linked(callerChannelId));
    }

    /**
     * The adapter is about to hang up {@code callerChannelId}: the app is told {@code cause} when it ends
     * (null: what Asterisk reports).
     */
    void hangingUp(ChannelId callerChannelId, CallEnd cause) {
        if (cause != null && byCallerChannel.containsKey(callerChannelId)) {
            endCauses.put(callerChannelId, cause);
        }
    }

    synchronized void on(QueueCallEvent event) {
        boolean lineMoved = positions.track(event);
        VoiceRequest request = event.callerChannelId() == null ? null : byCallerChannel.get(event.callerChannelId());
        if (request == null) {
            log.debug("queue event for a call not made through DataIVR: {}", event);
        } else {
            follow(request, event);
        }
        if (lineMoved) {
            // A caller found waiting may be one of ours whose place was not known (a session recovered after
            // a restart): it is told too. Otherwise the event's own caller was told by its event.
            pushPositions(event.queue(), event instanceof QueueCallEvent.CallerFound ? null : event.callerChannelId());
        }
    }

    private void follow(VoiceRequest request, QueueCallEvent event) {
        ChannelId channel = event.callerChannelId();
        if (event instanceof QueueCallEvent.CallerJoined e) {
            apply(request, new CallEvent.Joined(channel, positions.placeOf(e.queue(), channel)));
        } else if (event instanceof QueueCallEvent.AgentRinging e) {
            store.callRinging(request.id(), e.agent(), clock.instant());
            apply(request, new CallEvent.Rang(e.agent()));
        } else if (event instanceof QueueCallEvent.AgentDidNotAnswer e) {
            apply(request, new CallEvent.RingUnanswered(positions.placeOf(e.queue(), channel)));
        } else if (event instanceof QueueCallEvent.AgentAnswered e) {
            store.callAnswered(request.id(), e.agent(), clock.instant());
            apply(request, new CallEvent.Answered(e.agent()));
        } else if (event instanceof QueueCallEvent.AgentHungUp e) {
            finish(request, channel, CallOutcome.completedBy(e.hungUpBy()), completedBy(e.hungUpBy()));
        } else if (event instanceof QueueCallEvent.CallerAbandoned) {
            finish(request, channel, CallOutcome.ABANDONED, CallEnd.of(CallEnd.By.CUSTOMER, CallEnd.Reason.GAVE_UP));
        } else if (event instanceof QueueCallEvent.CallerHungUp) {
            // The caller's Hangup may reach us before app_queue's AgentComplete: an answered call is still completed.
            boolean talked = transitions.stateOf(request) instanceof CallState.Talking;
            finish(request, channel, talked ? CallOutcome.COMPLETED_BY_CALLER : CallOutcome.CALLER_HUNG_UP,
                    CallEnd.of(CallEnd.By.CUSTOMER, talked ? CallEnd.Reason.COMPLETED : CallEnd.Reason.GAVE_UP));
        }
    }

    private static CallEnd completedBy(HungUpBy hungUpBy) {
        return switch (hungUpBy) {
            case AGENT -> CallEnd.of(CallEnd.By.AGENT, CallEnd.Reason.COMPLETED);
            case TRANSFER -> CallEnd.of(CallEnd.By.AGENT, CallEnd.Reason.TRANSFERRED);
            case CALLER -> CallEnd.of(CallEnd.By.CUSTOMER, CallEnd.Reason.COMPLETED);
            case UNKNOWN -> CallEnd.of(CallEnd.By.SYSTEM, CallEnd.Reason.COMPLETED);
        };
    }

    /**
     * Tells every DataIVR caller still waiting in the queue (other than {@code except}) where it stands now,
     * if that changed: a caller ahead left, or the estimate moved. Callers whose place and estimate stay
     * the same get nothing (with many callers arriving at once, a push to each on every departure would
     * be a message per pair of callers).
     */
    private void pushPositions(String queue, ChannelId except) {
        for (ChannelId channel : positions.waitingIn(queue)) {
            VoiceRequest other = byCallerChannel.get(channel);
            if (other != null && !channel.equals(except)
                    && transitions.stateOf(other) instanceof CallState.Queued) {
                apply(other, new CallEvent.PlaceChanged(positions.placeOf(queue, channel)));
            }
        }
    }

    private void finish(VoiceRequest request, ChannelId callerChannelId, CallOutcome outcome, CallEnd seen) {
        if (byCallerChannel.remove(callerChannelId) == null) {
            return;
        }
        linkOrder.remove(callerChannelId);
        CallEnd cause = endCauses.remove(callerChannelId);
        store.callEnded(request.id(), outcome, clock.instant());
        apply(request, new CallEvent.Ended(cause != null ? cause : seen));
        log.info("voice request {} ended: {}", request.id(), outcome);
        if (restored.remove(request.sessionId())) {
            restoredCallEnded.accept(request.sessionId());
        }
    }

    /** Applies an event from Asterisk; one that cannot happen in the call's state is logged and dropped. */
    private void apply(VoiceRequest request, CallEvent event) {
        try {
            transitions.apply(request.sessionId(), request, event);
        } catch (CallEventNotAllowed e) {
            log.warn("session {}: voice request {}: {}; event dropped", request.sessionId(), request.id(),
                    e.getMessage());
        }
    }

    synchronized VoiceCallService.Followed followed() {
        return new VoiceCallService.Followed(links.get(), positions.allWaiting());
    }

    /** See {@link VoiceCallService#closeGone}. */
    synchronized int closeGone(VoiceCallService.Followed before, Set<ChannelId> channels, CallOutcome outcome) {
        Set<String> queues = new HashSet<>();
        for (ChannelId channel : before.waiting()) {
            if (!channels.contains(channel)) {
                queues.addAll(positions.forget(channel));
            }
        }
        int closed = 0;
        for (Map.Entry<ChannelId, VoiceRequest> call : List.copyOf(byCallerChannel.entrySet())) {
            Long linked = linkOrder.get(call.getKey());
            if (linked != null && linked <= before.lastLink() && !channels.contains(call.getKey())) {
                queues.addAll(positions.forget(call.getKey()));
                finish(call.getValue(), call.getKey(), outcome, CallEnd.of(CallEnd.By.SYSTEM, CallEnd.Reason.CALL_LOST));
                closed++;
            }
        }
        queues.forEach(queue -> pushPositions(queue, null));
        return closed;
    }

    /** The caller channel of {@code request}'s call, if it is followed. */
    ChannelId channelOf(VoiceRequest request) {
        return byCallerChannel.entrySet().stream().filter(e -> e.getValue().id().equals(request.id()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    boolean follows(ChannelId callerChannelId) {
        return byCallerChannel.containsKey(callerChannelId);
    }

    /** See {@link VoiceCallService#relink}; false when the call was followed already. */
    synchronized boolean relink(VoiceRequest request, ChannelId callerChannelId, CallState state, boolean headless) {
        if (byCallerChannel.putIfAbsent(callerChannelId, request) != null) {
            return false;
        }
        linkOrder.put(callerChannelId, links.incrementAndGet());
        if (headless) {
            restored.add(request.sessionId());
        }
        try {
            transitions.apply(request.sessionId(), null, new CallEvent.Recovered(state));
        } catch (CallEventNotAllowed e) {
            log.warn("session {}: voice request {} found in Asterisk: {}", request.sessionId(), request.id(),
                    e.getMessage());
        }
        return true;
    }

    boolean appReturned(UUID sessionId) {
        return restored.remove(sessionId);
    }

    void whenRestoredCallEnds(Consumer<UUID> action) {
        this.restoredCallEnded = action;
    }
}
