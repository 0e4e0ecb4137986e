package io.dataivr.agent;

import java.time.Instant;

/**
 * Told of every agent state transition once the roster has made it (consoles, the wallboard). Called under
 * the roster's lock, in transition order: an implementation only hands the change on (a queue, a
 * non-blocking send) and never calls back into the agent feature from this method.
 */
@FunctionalInterface
public interface AgentStateListener {

    /**
     * @param before the agent before the transition
     * @param after  the agent now
     * @param since  when {@code after}'s state began: {@code at} for a new state, the earlier instant when
     *               only its queues or pause request changed
     */
    void changed(Agent before, Agent after, Instant since);
}
