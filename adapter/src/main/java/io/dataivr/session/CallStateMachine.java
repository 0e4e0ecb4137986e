package io.dataivr.session;

import io.dataivr.call.ChannelId;

/**
 * The call state machine, and nothing else: given a session's call and an event, the call after it,
 * or {@link CallEventNotAllowed} when the event cannot happen in that state. No side effects; the
 * {@code call} message the app gets is the state it leads to (session.call's {@code CallTransitions}).
 *
 * <pre>
 *  state \ event    request    link       join    place-change ring     ring-unanswered answer   end    recover
 *  none             REQUESTED  -          -       -            -        -               -        -      (state)
 *  requested        -          REQUESTED* QUEUED  -            RINGING' -               TALKING' ENDED  (state)
 *  queued           -          -          -       QUEUED       RINGING  -               TALKING  ENDED  -
 *  ringing          -          -          -       -            -        QUEUED          TALKING  ENDED  -
 *  talking          -          -          -       -            -        -               -        ENDED  -
 *  ended            REQUESTED  -          -       -            -        -               -        -      (state)
 * </pre>
 * (*) once: a requested call is linked to one caller channel, and joins with that channel. (') only a
 * linked call, whose join was lost in an AMI gap; likewise "answer" from queued covers a lost ring; "recover" (after an adapter restart) leads to the
 * queued, ringing or talking state found in Asterisk.
 */
public final class CallStateMachine {

    private CallStateMachine() {
    }

    public static CallState next(CallState state, CallEvent event) {
        if (event instanceof CallEvent.Requested e) {
            if (!state.active()) {
                return new CallState.Requested(e.request());
            }
        } else if (event instanceof CallEvent.Linked e) {
            if (state instanceof CallState.Requested r && r.callerChannelId() == null && e.callerChannelId() != null) {
                return new CallState.Requested(r.request(), e.callerChannelId());
            }
        } else if (event instanceof CallEvent.Joined e) {
            if (state instanceof CallState.Requested r && e.callerChannelId() != null
                    && (r.callerChannelId() == null || r.callerChannelId().equals(e.callerChannelId()))) {
                return queued(r.request(), e.callerChannelId(), e.place());
            }
        } else if (event instanceof CallEvent.PlaceChanged e) {
            if (state instanceof CallState.Queued q) {
                return queued(q.request(), q.callerChannelId(), e.place());
            }
        } else if (event instanceof CallEvent.Rang e) {
            if (state instanceof CallState.Queued q) {
                return new CallState.Ringing(q.request(), q.callerChannelId(), e.agent());
            }
            if (state instanceof CallState.Requested r && r.callerChannelId() != null) {
                return new CallState.Ringing(r.request(), r.callerChannelId(), e.agent());
            }
        } else if (event instanceof CallEvent.RingUnanswered e) {
            if (state instanceof CallState.Ringing r) {
                return queued(r.request(), r.callerChannelId(), e.place());
            }
        } else if (event instanceof CallEvent.Answered e) {
            if (state instanceof CallState.Queued q) {
                return new CallState.Talking(q.request(), q.callerChannelId(), e.agent());
            }
            if (state instanceof CallState.Ringing r) {
                return new CallState.Talking(r.request(), r.callerChannelId(), e.agent());
            }
            if (state instanceof CallState.Requested r && r.callerChannelId() != null) {
                return new CallState.Talking(r.request(), r.callerChannelId(), e.agent());
            }
        } else if (event instanceof CallEvent.Ended e) {
            if (state.active()) {
                return new CallState.Ended(state.request(), e.end());
            }
        } else if (event instanceof CallEvent.Recovered e) {
            boolean found = e.state() instanceof CallState.Queued || e.state() instanceof CallState.Ringing
                    || e.state() instanceof CallState.Talking;
            boolean maySwitch = !state.active() || state instanceof CallState.Requested r
                    && r.request().id().equals(e.state().request().id());
            if (found && maySwitch) {
                return e.state();
            }
        }
        throw new CallEventNotAllowed(state, event);
    }

    private static CallState.Queued queued(VoiceRequest request, ChannelId channel, CallEvent.Place place) {
        return new CallState.Queued(request, channel, place.position(), place.estimatedWaitSeconds(),
                place.noEstimate());
    }
}
