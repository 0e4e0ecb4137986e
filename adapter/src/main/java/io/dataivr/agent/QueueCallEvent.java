package io.dataivr.agent;

/**
 * What happened to a queue call, translated from Asterisk at the voice edge. {@code callerChannelId}
 * is the Asterisk Uniqueid of the customer's channel, which links the call to its voice request.
 */
public sealed interface QueueCallEvent {

    String queue();

    String callerChannelId();

    record CallerJoined(String queue, String callerChannelId, int position) implements QueueCallEvent {
    }

    record AgentRinging(String queue, String callerChannelId, String agent) implements QueueCallEvent {
    }

    record AgentDidNotAnswer(String queue, String callerChannelId, String agent) implements QueueCallEvent {
    }

    record AgentAnswered(String queue, String callerChannelId, String agent) implements QueueCallEvent {
    }

    /** The talk ended; {@code hungUpBy} is "caller", "agent" or "transfer" as Asterisk reports it. */
    record AgentHungUp(String queue, String callerChannelId, String agent, String hungUpBy) implements QueueCallEvent {
    }

    /** The caller left the queue: connected to an agent, gave up or timed out; the ones behind move up. */
    record CallerLeft(String queue, String callerChannelId, int position) implements QueueCallEvent {
    }

    /** The caller's channel is gone (whatever the reason); the last event of every queue call. */
    record CallerHungUp(String queue, String callerChannelId) implements QueueCallEvent {
    }

    record CallerAbandoned(String queue, String callerChannelId) implements QueueCallEvent {
    }
}
