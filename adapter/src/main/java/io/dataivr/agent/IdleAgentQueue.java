package io.dataivr.agent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The patent's idle-agent FIFO (空闲等待队列), per queue, in plain Java: agents enter at the tail
 * when they log in or finish a call, leave when they answer or log out; the head has been idle
 * longest. Not thread-safe: {@link AgentService} serialises access.
 */
final class IdleAgentQueue {

    private final Map<String, LinkedHashSet<String>> idleByQueue = new HashMap<>();
    private final Map<String, AgentState> states = new HashMap<>();
    private final Map<String, String> queueOfAgent = new HashMap<>();
    private final java.util.Set<String> signedOff = new java.util.HashSet<>();

    List<String> idle(String queue) {
        return List.copyOf(idleByQueue.getOrDefault(queue, new LinkedHashSet<>()));
    }

    AgentState state(String agent) {
        return states.getOrDefault(agent, AgentState.LOGGED_OUT);
    }

    Optional<String> queueOf(String agent) {
        return Optional.ofNullable(queueOfAgent.get(agent));
    }

    /** Puts the agent at the tail; returns false if it was already idle in that queue. */
    boolean appendIdle(String queue, String agent) {
        queueOfAgent.put(agent, queue);
        states.put(agent, AgentState.IDLE);
        signedOff.remove(agent);
        return idleByQueue.computeIfAbsent(queue, q -> new LinkedHashSet<>()).add(agent);
    }

    void setState(String agent, AgentState state) {
        states.put(agent, state);
    }

    /** Takes the agent out of the idle FIFO (answered a call, or logging out). */
    boolean removeIdle(String queue, String agent) {
        LinkedHashSet<String> idle = idleByQueue.get(queue);
        return idle != null && idle.remove(agent);
    }

    void loggedOut(String agent) {
        queueOf(agent).ifPresent(queue -> removeIdle(queue, agent));
        queueOfAgent.remove(agent);
        states.put(agent, AgentState.LOGGED_OUT);
        signedOff.add(agent);
    }

    /** True when the agent logged out on purpose: a call ending later must not bring it back. */
    boolean signedOff(String agent) {
        return signedOff.contains(agent);
    }

    /** Replaces a queue's FIFO with what Asterisk holds (its members, in ringing order). */
    void replace(String queue, List<String> members) {
        LinkedHashSet<String> idle = new LinkedHashSet<>(members);
        for (String agent : new ArrayList<>(idleByQueue.getOrDefault(queue, new LinkedHashSet<>()))) {
            if (!idle.contains(agent) && states.get(agent) == AgentState.IDLE) {
                states.put(agent, AgentState.LOGGED_OUT);
                queueOfAgent.remove(agent);
            }
        }
        idleByQueue.put(queue, idle);
        for (String agent : members) {
            queueOfAgent.put(agent, queue);
            states.putIfAbsent(agent, AgentState.IDLE);
            if (states.get(agent) == AgentState.LOGGED_OUT) {
                states.put(agent, AgentState.IDLE);
            }
        }
    }
}
