package io.dataivr.agent;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The patent's idle-agent FIFO (空闲等待队列), one per queue, in plain Java: an agent enters at the
 * tail when it becomes idle (login, call over, resume) and leaves when it answers, pauses or logs
 * out; the head has been idle longest. Not thread-safe: {@link AgentRoster} serialises access.
 */
final class IdleAgentQueue {

    private final Map<String, LinkedHashSet<String>> idleByQueue = new HashMap<>();

    List<String> idle(String queue) {
        return List.copyOf(idleByQueue.getOrDefault(queue, new LinkedHashSet<>()));
    }

    /** Puts the agent at the tail (moving it there if it was already in). */
    void append(String queue, String agent) {
        LinkedHashSet<String> idle = idleByQueue.computeIfAbsent(queue, q -> new LinkedHashSet<>());
        idle.remove(agent);
        idle.add(agent);
    }

    void remove(String queue, String agent) {
        LinkedHashSet<String> idle = idleByQueue.get(queue);
        if (idle != null) {
            idle.remove(agent);
        }
    }

    boolean contains(String queue, String agent) {
        return idleByQueue.getOrDefault(queue, new LinkedHashSet<>()).contains(agent);
    }

    /** Replaces a queue's FIFO with what Asterisk holds (its members, in ringing order). */
    void replace(String queue, List<String> members) {
        idleByQueue.put(queue, new LinkedHashSet<>(members));
    }
}
