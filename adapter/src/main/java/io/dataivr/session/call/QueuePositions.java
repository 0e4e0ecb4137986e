package io.dataivr.session.call;

import io.dataivr.call.ChannelId;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.session.CallEvent;
import io.dataivr.session.CallState;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Where each caller stands in its queue and how long it may still wait ({@link QueueWaitTracker}),
 * fed by every queue call event (DataIVR's callers and others: all count for the position). The
 * caller ({@link CallFollower}) serialises access.
 */
final class QueuePositions {

    private final QueueWaitTracker waits = new QueueWaitTracker();
    private final ToIntFunction<String> servingAgents;
    private final Clock clock;

    QueuePositions(ToIntFunction<String> servingAgents, Clock clock) {
        this.servingAgents = servingAgents;
        this.clock = clock;
    }

    /** Keeps the order of waiting callers; true when the others' places may have changed. */
    boolean track(QueueCallEvent event) {
        if (event instanceof QueueCallEvent.CallerJoined e) {
            waits.joined(e.queue(), e.callerChannelId(), e.position());
            return false;
        }
        if (event instanceof QueueCallEvent.CallerFound e) {
            // Read from Asterisk at a (re)connect: its place there is the truth, the ones around it may move.
            waits.joined(e.queue(), e.callerChannelId(), e.position());
            return true;
        }
        if (event instanceof QueueCallEvent.CallerLeft || event instanceof QueueCallEvent.CallerAbandoned
                || event instanceof QueueCallEvent.CallerHungUp) {
            waits.left(event.queue(), event.callerChannelId());
            return true;
        }
        if (event instanceof QueueCallEvent.AgentAnswered) {
            waits.talkStarted(event.callerChannelId(), clock.instant());
        } else if (event instanceof QueueCallEvent.AgentHungUp) {
            waits.talkEnded(event.queue(), event.callerChannelId(), clock.instant());
        }
        return false;
    }

    /**
     * The caller's place: position 1 is next; the estimate is null when nobody serves the queue
     * ({@code NO_AGENT_AVAILABLE}: every agent of it paused or logged out) or the caller's position is
     * not known ({@code POSITION_UNKNOWN}, position 0).
     */
    CallEvent.Place placeOf(String queue, ChannelId callerChannelId) {
        int position = waits.position(queue, callerChannelId).orElse(0);
        if (position <= 0) {
            return new CallEvent.Place(0, null, CallState.NoEstimate.POSITION_UNKNOWN);
        }
        Integer estimate = waits.estimatedWaitSeconds(queue, position, servingAgents.applyAsInt(queue));
        return new CallEvent.Place(position, estimate, estimate == null ? CallState.NoEstimate.NO_AGENT_AVAILABLE
                : null);
    }

    List<ChannelId> waitingIn(String queue) {
        return waits.waitingIn(queue);
    }

    Set<ChannelId> allWaiting() {
        return waits.allWaiting();
    }

    /** The caller is gone unseen: out of every line; returns the queues it waited in. */
    List<String> forget(ChannelId callerChannelId) {
        return waits.forget(callerChannelId);
    }
}
