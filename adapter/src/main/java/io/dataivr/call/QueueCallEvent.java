package io.dataivr.call;

import java.time.Instant;

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

    /**
     * A caller found waiting when the adapter (re)connected to Asterisk (its queue status): it joined while
     * no events were followed, before the adapter started or during an AMI outage, or it is one already
     * known, whose place Asterisk now confirms. Not a new call: nothing counts it as offered.
     *
     * @param position its place in the queue, 1 first
     * @param since    when it joined, as far as Asterisk's wait time (whole seconds) tells
     */
    record CallerFound(String queue, ChannelId callerChannelId, int position, Instant since)
            implements QueueCallEvent {
    }
}
