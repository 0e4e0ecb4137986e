package io.dataivr.session;

import io.dataivr.call.ChannelId;

/** What can happen to a session's call; {@link CallStateMachine} says which state each leads to. */
public sealed interface CallEvent {

    /** The wire-like name of the event, for logs and errors. */
    String name();

    /** Where a caller stands in its queue: {@code position} 1 is next; an estimate, or why there is none. */
    record Place(int position, Integer estimatedWaitSeconds, CallState.NoEstimate noEstimate) {
    }

    /** The customer chose a voice item. */
    record Requested(VoiceRequest request) implements CallEvent {
        public String name() { return "request"; }
    }

    /** The app's call reached Asterisk and was linked to the request (it is not in the queue yet). */
    record Linked(ChannelId callerChannelId) implements CallEvent {
        public String name() { return "link"; }
    }

    /** The linked call joined the queue. */
    record Joined(ChannelId callerChannelId, Place place) implements CallEvent {
        public String name() { return "join"; }
    }

    /** A caller ahead left, or the estimate moved. */
    record PlaceChanged(Place place) implements CallEvent {
        public String name() { return "place-change"; }
    }

    record Rang(String agent) implements CallEvent {
        public String name() { return "ring"; }
    }

    /** The agent did not answer: the call waits again, at {@code place}. */
    record RingUnanswered(Place place) implements CallEvent {
        public String name() { return "ring-unanswered"; }
    }

    record Answered(String agent) implements CallEvent {
        public String name() { return "answer"; }
    }

    record Ended(CallEnd end) implements CallEvent {
        public String name() { return "end"; }
    }

    /** After an adapter restart: the call found in Asterisk is in {@code state} (queued, ringing or talking). */
    record Recovered(CallState state) implements CallEvent {
        public String name() { return "recover"; }
    }
}
