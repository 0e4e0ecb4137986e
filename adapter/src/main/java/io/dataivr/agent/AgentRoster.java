package io.dataivr.agent;

import io.dataivr.call.ChannelId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serialised core of the agent feature: every agent's state, the idle-agent FIFO of each queue,
 * and what follows them (Asterisk's members, the Redis mirror, the state log). Asterisk's members are
 * kept equal to the FIFO: an agent is a member exactly while {@link AgentState#inFifo()}; it leaves when
 * it answers, pauses or logs out and is appended at the tail when it becomes idle again, so a linear
 * queue always rings the agent idle longest. One lock, this object's monitor: the use cases
 * ({@link AgentService}), the queue-call rules ({@link QueueCallRules}) and the reconciler
 * ({@link FifoReconciler}) hold it for each step that reads and then changes the roster.
 */
final class AgentRoster {

    private static final Logger log = LoggerFactory.getLogger(AgentRoster.class);

    final QueueMembership membership;
    final IdleAgentMirror mirror;
    final AgentStateLog stateLog;
    private final AgentProperties properties;
    private final AgentTimer timer;
    private final Clock clock;
    private final Map<String, Agent> agents = new HashMap<>();
    private final Map<String, Instant> stateSince = new HashMap<>();
    private final List<AgentStateListener> listeners = new CopyOnWriteArrayList<>();
    private final IdleAgentQueue fifo = new IdleAgentQueue();
    private final Set<String> knownQueues = new LinkedHashSet<>();
    private final Map<ChannelId, String> ringingFor = new HashMap<>();
    private final Map<String, Long> wrapUpTickets = new HashMap<>();
    private long nextTicket;

    AgentRoster(QueueMembership membership, IdleAgentMirror mirror, AgentStateLog stateLog,
            AgentProperties properties, AgentTimer timer, Clock clock) {
        this.membership = membership;
        this.mirror = mirror;
        this.stateLog = stateLog;
        this.properties = properties;
        this.timer = timer;
        this.clock = clock;
    }

    synchronized Agent agent(String name) {
        return agents.getOrDefault(name, Agent.loggedOut(name));
    }

    /**
     * When the agent's current state began (as this adapter saw it: a state restored at start counts from
     * the start); null for an agent never seen.
     */
    synchronized Instant since(String name) {
        return stateSince.get(name);
    }

    void subscribe(AgentStateListener listener) {
        listeners.add(listener);
    }

    void unsubscribe(AgentStateListener listener) {
        listeners.remove(listener);
    }

    /** Whether the agent was seen since this adapter started (logged out ones included). */
    synchronized boolean known(String name) {
        return agents.containsKey(name);
    }

    /** A copy of every agent known, logged out ones included. */
    synchronized List<Agent> all() {
        return List.copyOf(agents.values());
    }

    synchronized List<Agent> loggedIn() {
        return agents.values().stream().filter(a -> a.state() != AgentState.LOGGED_OUT)
                .sorted(Comparator.comparing(Agent::name)).toList();
    }

    synchronized List<String> idle(String queue) {
        return fifo.idle(queue);
    }

    synchronized void know(Collection<String> queues) {
        knownQueues.addAll(queues);
    }

    synchronized List<String> knownQueues() {
        return List.copyOf(knownQueues);
    }

    /** The agent ringing for the caller, if any. */
    synchronized String ringing(ChannelId callerChannelId) {
        return ringingFor.get(callerChannelId);
    }

    synchronized void ringingFor(ChannelId callerChannelId, String agent) {
        ringingFor.put(callerChannelId, agent);
    }

    /** The ring for the caller is over; the agent that was ringing, if any. */
    synchronized String ringOver(ChannelId callerChannelId) {
        return ringingFor.remove(callerChannelId);
    }

    synchronized void forgetRings(String agent) {
        ringingFor.values().removeIf(agent::equals);
    }

    /** One transition: the state machine decides, then Asterisk, the FIFO and the mirror follow. */
    synchronized Agent apply(String name, AgentEvent event, String reason) {
        Agent before = agent(name);
        Agent after = AgentStateMachine.next(before, event);
        if (before.state().inFifo() && !after.state().inFifo()) {
            leaveFifo(before);
        } else if (!before.state().inFifo() && after.state().inFifo()) {
            for (String queue : after.queues()) {
                membership.add(queue, name);
                fifo.append(queue, name);
                mirror.append(queue, name);
            }
        }
        record(before, after, reason);
        return after;
    }

    /** Takes the agent out of every queue it is idle in: Asterisk, the FIFO and the mirror. */
    synchronized void leaveFifo(Agent agent) {
        for (String queue : agent.queues()) {
            membership.remove(queue, agent.name());
            fifo.remove(queue, agent.name());
            mirror.remove(queue, agent.name());
        }
    }

    /** The FIFO and its mirror become {@code members} (Asterisk's, in its order). */
    synchronized void replaceFifo(String queue, List<String> members) {
        fifo.replace(queue, members);
        mirror.replace(queue, members);
    }

    /** Keeps the agent's queues changed without a transition (found in, or gone from, one more queue). */
    synchronized void update(Agent agent) {
        agents.put(agent.name(), agent);
    }

    /** Stores a transition decided elsewhere (recovery, reconciling with Asterisk) and logs it. */
    synchronized void record(Agent before, Agent after, String reason) {
        agents.put(after.name(), after);
        Instant since = stateSince.get(after.name());
        if (since == null || before.state() != after.state()) {
            since = clock.instant();
            stateSince.put(after.name(), since);
        }
        if (after.state() != AgentState.WRAP_UP) {
            wrapUpTickets.remove(after.name());
        }
        if (after.state() == AgentState.LOGGED_OUT) {
            forgetRings(after.name());
        }
        String detail = after.pauseRequested() ? reason + " (pause after the call: " + after.pauseReason() + ")"
                : reason;
        if (callStep(before.state(), after.state())) {
            // Ringing, answering, hanging up: several a call, all kept in agent_state_log; not INFO noise.
            log.debug("agent {}: {} -> {} ({})", after.name(), before.state(), after.state(), detail);
        } else {
            log.info("agent {}: {} -> {} ({})", after.name(), before.state(), after.state(), detail);
        }
        stateLog.transition(before, after, detail);
        for (AgentStateListener listener : listeners) {
            try {
                listener.changed(before, after, since);
            } catch (RuntimeException e) {
                log.warn("agent {}: a state listener failed ({})", after.name(), e.toString());
            }
        }
    }

    boolean wrapUpOn() {
        return !properties.wrapUp().isZero() && !properties.wrapUp().isNegative();
    }

    /** Whether {@code agent} gets wrap-up time after a call (dataivr.agent.wrap-up, or its own). */
    boolean wrapUpOn(String agent) {
        Duration wrapUp = properties.wrapUpOf(agent);
        return !wrapUp.isZero() && !wrapUp.isNegative();
    }

    AgentProperties properties() {
        return properties;
    }

    int autoPauseAfterMissedRings() {
        return properties.autoPauseAfterMissedRings();
    }

    /** An agent now in wrap-up becomes idle when the wrap-up time has passed (unless something else came first). */
    synchronized void startWrapUp(Agent after) {
        if (after.state() == AgentState.WRAP_UP) {
            long ticket = ++nextTicket;
            wrapUpTickets.put(after.name(), ticket);
            timer.schedule(properties.wrapUpOf(after.name()), () -> wrapUpOver(after.name(), ticket));
        }
    }

    private synchronized void wrapUpOver(String agent, long ticket) {
        if (Objects.equals(wrapUpTickets.get(agent), ticket) && agent(agent).state() == AgentState.WRAP_UP) {
            wrapUpTickets.remove(agent);
            apply(agent, new AgentEvent.WrapUpEnded(), "wrap-up over");
        }
    }

    /** Agents logged in to the queue and not paused (those who will take its calls, sooner or later). */
    synchronized int serving(String queue) {
        return (int) agents.values().stream()
                .filter(a -> a.queues().contains(queue) && a.state() != AgentState.PAUSED
                        && a.state() != AgentState.LOGGED_OUT)
                .count();
    }

    /** The queues of {@code agent} other than {@code queue}. */
    static List<String> without(Agent agent, String queue) {
        List<String> rest = new ArrayList<>(agent.queues());
        rest.remove(queue);
        return rest;
    }

    private static boolean callStep(AgentState before, AgentState after) {
        return before != AgentState.LOGGED_OUT && before != AgentState.PAUSED && after != AgentState.LOGGED_OUT
                && after != AgentState.PAUSED;
    }
}
