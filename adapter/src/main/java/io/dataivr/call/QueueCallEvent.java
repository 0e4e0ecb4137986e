package io.dataivr.call;

/**
 * What happened to a queue call, translated from Asterisk at the voice edge. {@code callerChannelId}
 * is the customer's channel, which links the call to its voice request.
 */
public sealed interface QueueCallEvent {

    String queue();

    ChannelId callerChannelId();

    record CallerJoined(String queue, ChannelId callerChannelId, int position) implements QueueCallEvent {
    }

    record AgentRinging(String queue, ChannelId callerChannelId, String agent) implements QueueCallEvent {
    }

    record AgentDidNotAnswer(String queue, ChannelId callerChannelId, String agent) implements QueueCallEvent {
    }

    record AgentAnswered(String queue, ChannelId callerChannelId, String agent) implements QueueCallEvent {
    }

    /** The talk ended; {@code hungUpBy} says who ended it, as Asterisk reports it. */
    record AgentHungUp(String queue, ChannelId callerChannelId, String agent, HungUpBy hungUpBy)
            implements QueueCallEvent {
    }

    /** The caller left the queue: connected to an agent, gave up or timed out; the ones behind move up. */
    record CallerLeft(String queue, ChannelId callerChannelId, int position) implements QueueCallEvent {
    }

    /** The caller's channel is gone (whatever the reason); the last event of every queue call. */
    record CallerHungUp(String queue, ChannelId callerChannelId) implements QueueCallEvent {
    }

    record CallerAbandoned(String queue, ChannelId callerChannelId) implements QueueCallEvent {
    }
}
