package io.dataivr.agent;

import java.util.List;

/** A copy of the idle-agent FIFO that other processes (dashboards, other adapter nodes) can read. */
public interface IdleAgentMirror {

    void replace(String queue, List<String> agents);

    void append(String queue, String agent);

    void remove(String queue, String agent);

    List<String> read(String queue);
}
