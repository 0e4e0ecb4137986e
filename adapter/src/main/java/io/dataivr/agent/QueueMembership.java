package io.dataivr.agent;

import java.util.List;

/**
 * Asterisk's queue members, which the adapter keeps equal to the idle-agent FIFO: a linear queue
 * rings its members in the order they were added, so the first member is the head of the FIFO.
 */
public interface QueueMembership {

    /** Appends the agent as the last member of the queue. */
    void add(String queue, String agent);

    /** Removes the agent from the queue; removing an absent agent is not an error. */
    void remove(String queue, String agent);

    /** The queue's members in the order Asterisk rings them. */
    List<String> members(String queue);

    /**
     * Waits until Asterisk has carried out the adds and removes asked so far (they may be sent by another
     * thread, so that the AMI event thread never waits for a socket); nothing to wait for by default.
     */
    default void awaitApplied() {
    }
}
