package io.dataivr.agent;

/**
 * Where an agent stands. Only {@link AgentStateMachine} decides the next state. An agent is in the
 * idle-agent FIFO (an Asterisk queue member) exactly while it is {@link #IDLE} or {@link #RINGING}.
 */
public enum AgentState {
    /** Not serving any queue. */
    LOGGED_OUT,
    /** Waiting for a call: in the FIFO of each of its queues. */
    IDLE,
    /** Reserved: Asterisk rings its phone for a queue call; still in the FIFO, at its place. */
    RINGING,
    /** On a queue call: out of the FIFO. */
    TALKING,
    /** The call ended; finishing its notes before it goes back to the tail of the FIFO. */
    WRAP_UP,
    /** On a break (with a reason): out of the FIFO until it resumes. */
    PAUSED;

    /** True when the agent is a member of its queues in Asterisk (and in the mirror). */
    public boolean inFifo() {
        return this == IDLE || this == RINGING;
    }
}
