package io.dataivr.session;

import io.dataivr.call.ChannelId;

/**
 * The voice side of a consultation session (steps 6-7), as {@link CallStateMachine} moves it; browsing
 * goes on whatever the state. {@link NoCall} and {@link Ended} are at rest (a new voice request may be
 * made); the others are a call in progress. docs/protocol.md, "Call states", has the table.
 */
public sealed interface CallState {

    /** The wire name of the state ({@code call} message's {@code state}; "none" is never sent). */
    String name();

    /** A voice request is open: from the choice of a voice item until the call ends. */
    default boolean active() {
        return true;
    }

    /** The voice request of the call, or null for {@link NoCall} (the records with one return theirs). */
    default VoiceRequest request() {
        return null;
    }

    /** The caller's channel of a call that reached Asterisk, else null. */
    default ChannelId callerChannelId() {
        return null;
    }

    /** The session has had no call yet. */
    record NoCall() implements CallState {
        public String name() { return "none"; }

        public boolean active() { return false; }
    }

    /**
     * A voice item was chosen; the app's SIP phone was told what to dial. {@code callerChannelId} is
     * null until the app's call reaches Asterisk and is linked to the request (then it is not in the
     * queue yet: that is {@link Queued}).
     */
    record Requested(VoiceRequest request, ChannelId callerChannelId) implements CallState {
        public Requested(VoiceRequest request) {
            this(request, null);
        }

        public String name() { return "requested"; }
    }

    /**
     * The SIP call waits in the queue: {@code position} 1 is next (≥ 1); {@code estimatedWaitSeconds}
     * is null exactly when {@code noEstimate} says why.
     */
    record Queued(VoiceRequest request, ChannelId callerChannelId, int position, Integer estimatedWaitSeconds,
            NoEstimate noEstimate) implements CallState {
        public Queued {
            if ((estimatedWaitSeconds == null) == (noEstimate == null)) {
                throw new IllegalArgumentException("a queued call has an estimate or a reason why not, not both");
            }
        }

        public String name() { return "queued"; }
    }

    /** Why a queued call has no estimated wait. */
    enum NoEstimate {
        /** No agent serving the queue is logged in and not paused. */
        NO_AGENT_AVAILABLE,
        /** The caller's place in the queue is not known (e.g. restored after a restart). */
        POSITION_UNKNOWN
    }

    record Ringing(VoiceRequest request, ChannelId callerChannelId, String agent) implements CallState {
        public String name() { return "ringing"; }
    }

    record Talking(VoiceRequest request, ChannelId callerChannelId, String agent) implements CallState {
        public String name() { return "talking"; }
    }

    /** The call of {@code request} is over: who ended it and why. */
    record Ended(VoiceRequest request, CallEnd end) implements CallState {
        public String name() { return "ended"; }

        public boolean active() { return false; }
    }
}
