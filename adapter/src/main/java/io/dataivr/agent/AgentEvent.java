package io.dataivr.agent;

import io.dataivr.call.ChannelId;
import io.dataivr.call.HungUpBy;
import java.util.List;

/** What can happen to an agent; {@link AgentStateMachine} says what each does in each state. */
public sealed interface AgentEvent {

    /** A short name for logs and errors. */
    String name();

    record LoggedIn(List<String> queues) implements AgentEvent {
        public String name() { return "login"; }
    }

    record LoggedOut() implements AgentEvent {
        public String name() { return "logout"; }
    }

    record Paused(String reason) implements AgentEvent {
        public String name() { return "pause"; }
    }

    record Resumed() implements AgentEvent {
        public String name() { return "resume"; }
    }

    /** Asterisk started ringing the agent's phone for a queue call. */
    record Rang(String queue, ChannelId callerChannelId) implements AgentEvent {
        public String name() { return "ring"; }
    }

    /** The agent's phone rang out (or rejected) without answering; app_queue tries the next agent. */
    record RingUnanswered(String queue, ChannelId callerChannelId) implements AgentEvent {
        public String name() { return "ring-no-answer"; }
    }

    /** The ring stopped because the caller left (hung up, gave up) or another agent took the call. */
    record RingCancelled(ChannelId callerChannelId) implements AgentEvent {
        public String name() { return "ring-cancelled"; }
    }

    record Answered(String queue, ChannelId callerChannelId) implements AgentEvent {
        public String name() { return "answer"; }
    }

    /**
     * The queue call ended (either side: {@code hungUpBy}, UNKNOWN when nobody saw the end); {@code wrapUp}
     * says whether the agent gets wrap-up time.
     */
    record CallEnded(String queue, ChannelId callerChannelId, HungUpBy hungUpBy, boolean wrapUp)
            implements AgentEvent {
        public String name() { return "call-end"; }
    }

    record WrapUpEnded() implements AgentEvent {
        public String name() { return "wrap-up-end"; }
    }
}
