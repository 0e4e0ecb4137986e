package io.dataivr.session;

/** The voice side of a consultation session (steps 6-7); browsing goes on whatever the state. */
public sealed interface CallState {

    /** The wire name of the state, as the IP channel reports it. */
    String name();

    record NoCall() implements CallState {
        public String name() { return "none"; }
    }

    /** A voice item was chosen; the app's SIP phone was told what to dial. */
    record Requested(VoiceRequest request) implements CallState {
        public String name() { return "requested"; }
    }

    /**
     * The SIP call reached Asterisk and waits in the queue: {@code position} 1 is next;
     * {@code estimatedWaitSeconds} is null when unknown (no agent serves the queue).
     */
    record Queued(VoiceRequest request, String callerChannelId, int position, Integer estimatedWaitSeconds)
            implements CallState {
        public Queued(VoiceRequest request, String callerChannelId, int position) {
            this(request, callerChannelId, position, null);
        }

        public String name() { return "queued"; }
    }

    record Ringing(VoiceRequest request, String callerChannelId, String agent) implements CallState {
        public String name() { return "ringing"; }
    }

    record Talking(VoiceRequest request, String callerChannelId, String agent) implements CallState {
        public String name() { return "talking"; }
    }
}
