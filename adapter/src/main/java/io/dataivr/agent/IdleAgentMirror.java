package io.dataivr.agent;

import java.util.List;

/** A copy of the idle-agent FIFO that other processes (dashboards, other adapter nodes) can read. */
public interface IdleAgentMirror {

    /** Writes the whole FIFO of a queue and marks the copy as complete. */
    void replace(String queue, List<String> agents);

    void append(String queue, String agent);

    void remove(String queue, String agent);

    List<String> read(String queue);

    /** False when the copy of this queue was lost (e.g. Redis restarted empty or was flushed) since {@link #replace}. */
    boolean intact(String queue);
}
