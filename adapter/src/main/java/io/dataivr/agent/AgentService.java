package io.dataivr.agent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use cases on agents (steps 6-7): log in, log out, pause, resume, and the FIFO rules on queue call
 * events. Asterisk's members are kept equal to the idle-agent FIFO: an agent is a member exactly
 * while {@link AgentState#inFifo()}; it leaves when it answers, pauses or logs out and is appended at
 * the tail when it becomes idle again. A linear queue therefore always rings the agent idle longest.
 * Redis mirrors the FIFO. All methods are serialised (AMI events and API calls alike).
 */
public class AgentService implements QueueCallListener, AgentPhoneListener {

    private static final Logger log = LoggerFactory.getLogger(AgentService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final QueueMembership membership;
    private final IdleAgentMirror mirror;
    private final AgentStateLog stateLog;
    private final AgentProperties properties;
    private final AgentTimer timer;
    private final Map<String, Agent> agents = new HashMap<>();
    private final IdleAgentQueue fifo = new IdleAgentQueue();
    private final Set<String> knownQueues = new LinkedHashSet<>();
    private final Map<String, String> ringingFor = new HashMap<>();
    private final Map<String, Long> wrapUpTickets = new HashMap<>();
    private long nextTicket;

    public AgentService(QueueMembership membership, IdleAgentMirror mirror, AgentStateLog stateLog,
            AgentProperties properties, AgentTimer timer) {
        this.membership = membership;
        this.mirror = mirror;
        this.stateLog = stateLog;
        this.properties = properties;
        this.timer = timer;
    }

    public AgentService(QueueMembership membership, IdleAgentMirror mirror, AgentStateLog stateLog) {
        this(membership, mirror, stateLog, AgentProperties.defaults(), (delay, task) -> task.run());
    }

    public void login(String agent, String queue) {
        login(agent, List.of(queue));
    }

    /**
     * Logs the agent in to its queues: it joins the tail of each queue's FIFO. Like logout, pause and
     * resume, it returns once the new state is stored (a restarted adapter must know it).
     */
    public Agent login(String agent, List<String> queues) {
        requireValidName(agent);
        if (queues == null || queues.isEmpty()) {
            throw new InvalidAgentName("(no queue)");
        }
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(queues));
        distinct.forEach(AgentService::requireValidName);
        return stored(() -> {
            knownQueues.addAll(distinct);
            return apply(agent, new AgentEvent.LoggedIn(distinct), "login to " + String.join(",", distinct));
        });
    }

    public Agent logout(String agent) {
        return stored(() -> apply(requireLoggedIn(agent), new AgentEvent.LoggedOut(), "logout"));
    }

    /** Pauses the agent (out of the FIFO); while it rings or talks, the pause starts when the call is over. */
    public Agent pause(String agent, String reason) {
        String why = reason == null || reason.isBlank() ? "break" : reason.strip();
        String kept = why.length() > 64 ? why.substring(0, 64) : why;
        return stored(() -> apply(requireLoggedIn(agent), new AgentEvent.Paused(kept), "pause: " + kept));
    }

    /** Ends a pause: the agent joins the tail of its queues' FIFOs. */
    public Agent resume(String agent) {
        return stored(() -> apply(requireLoggedIn(agent), new AgentEvent.Resumed(), "resume"));
    }

    /**
     * Runs an agent's own action under the service's lock, then waits (outside it) until Asterisk has
     * carried out the membership change and the new state is stored.
     */
    private Agent stored(Supplier<Agent> action) {
        Agent after;
        synchronized (this) {
            after = action.get();
        }
        membership.awaitApplied();
        stateLog.sync();
        return after;
    }

    /**
     * After an adapter restart or an AMI reconnect, before the queues are rebuilt: sets each agent from
     * the calls Asterisk holds and what was known before ({@link AgentRecovery}). Agents on a call come
     * back TALKING (or RINGING), paused ones stay paused; when their call ends they go to the tail.
     * Only agents of {@code queues} (the queues this adapter keeps) are considered.
     */
    public synchronized void recoverCalls(List<CallInProgress> calls, List<String> queues) {
        Map<String, SavedAgentState> saved = stateLog.saved();
        Map<String, List<String>> members = new HashMap<>();
        for (AgentRecovery.Step step : AgentRecovery.plan(Map.copyOf(agents), saved, calls, wrapUpOn(), queues)) {
            Agent restored = step.agent();
            Agent before = agent(restored.name());
            if (before.state().inFifo() && !restored.state().inFifo()) {
                for (String queue : before.queues()) {
                    membership.remove(queue, restored.name());
                    fifo.remove(queue, restored.name());
                    mirror.remove(queue, restored.name());
                }
            }
            knownQueues.addAll(restored.queues());
            if (!before.equals(restored)) {
                record(before, restored, step.reason());
            }
            if (step.ringingFor() != null) {
                ringingFor.put(step.ringingFor(), restored.name());
            }
            if (step.then() instanceof AgentEvent.CallEnded && isMember(restored, members)) {
                // Its call-end was handled (it is back in Asterisk) but not stored before the adapter stopped.
                record(restored, restored.in(AgentState.IDLE), "already back in Asterisk's queue");
            } else if (step.then() != null) {
                startWrapUp(apply(restored.name(), step.then(), step.reason()));
            }
        }
    }

    private boolean isMember(Agent agent, Map<String, List<String>> members) {
        return agent.queues().stream()
                .anyMatch(queue -> members.computeIfAbsent(queue, membership::members).contains(agent.name()));
    }

    public synchronized Agent agent(String agent) {
        return agents.getOrDefault(agent, Agent.loggedOut(agent));
    }

    public synchronized List<Agent> agents() {
        return agents.values().stream().filter(a -> a.state() != AgentState.LOGGED_OUT)
                .sorted(java.util.Comparator.comparing(Agent::name)).toList();
    }

    public synchronized AgentState state(String agent) {
        return agent(agent).state();
    }

    public synchronized List<String> idleAgents(String queue) {
        return fifo.idle(queue);
    }

    /** Agents logged in to the queue and not paused (those who will take its calls, sooner or later). */
    public synchronized int servingAgents(String queue) {
        return (int) agents.values().stream()
                .filter(a -> a.queues().contains(queue) && a.state() != AgentState.PAUSED
                        && a.state() != AgentState.LOGGED_OUT)
                .count();
    }

    /**
     * Makes the FIFO and its mirror equal to Asterisk's members (adapter start, AMI reconnect, lost
     * mirror). Asterisk's members and their order win; an agent the adapter holds as idle in that queue
     * but Asterisk does not is taken out of it (logged out when it serves no queue any more); a member
     * the adapter holds as busy or paused is removed from Asterisk, which cannot know that.
     */
    public synchronized void rebuild(String queue) {
        knownQueues.add(queue);
        List<String> members = new ArrayList<>(membership.members(queue));
        for (String name : List.copyOf(members)) {
            Agent agent = agents.get(name);
            if (agent != null && agent.queues().contains(queue) && !agent.state().inFifo()
                    && agent.state() != AgentState.LOGGED_OUT) {
                membership.remove(queue, name);
                members.remove(name);
                log.warn("agent {} is {} but was a member of queue {}: removed from it", name, agent.state(), queue);
            } else if (agent == null || agent.state() == AgentState.LOGGED_OUT) {
                Agent found = new Agent(name, AgentState.IDLE, List.of(queue), null, 0);
                record(agent == null ? Agent.loggedOut(name) : agent, found, "found in queue " + queue + " in Asterisk");
            } else if (!agent.queues().contains(queue)) {
                List<String> more = new ArrayList<>(agent.queues());
                more.add(queue);
                agents.put(name, agent.withQueues(more));
                log.info("agent {} also found in queue {} in Asterisk", name, queue);
            }
        }
        for (Agent agent : List.copyOf(agents.values())) {
            if (agent.state().inFifo() && agent.queues().contains(queue) && !members.contains(agent.name())) {
                List<String> rest = new ArrayList<>(agent.queues());
                rest.remove(queue);
                if (rest.isEmpty()) {
                    record(agent, Agent.loggedOut(agent.name()), "not a member of queue " + queue + " in Asterisk");
                } else {
                    agents.put(agent.name(), agent.withQueues(rest));
                }
            }
        }
        fifo.replace(queue, members);
        mirror.replace(queue, members);
        log.info("idle-agent FIFO of queue {} rebuilt from Asterisk: {}", queue, members);
    }

    /**
     * Asterisk restarted (its start time changed) and came back without members: the agents the
     * adapter held as idle in the queue are added back in their FIFO order (a ringing agent, whose
     * ring the restart cut, keeps its place as when a caller gives up); agents whose call was cut
     * (talking, in wrap-up) join the tail as after any call, or pause if they asked to; paused agents
     * stay paused. Then the FIFO is rebuilt from Asterisk as on any reconnect, so a
     * member Asterisk does hold (a phone's *71 after the restart) is kept.
     */
    public synchronized void restoreAfterAsteriskRestart(String queue) {
        knownQueues.add(queue);
        List<String> idle = fifo.idle(queue);
        for (String name : idle) {
            membership.add(queue, name);
        }
        for (Agent agent : List.copyOf(agents.values())) {
            if (!agent.queues().contains(queue)) {
                continue;
            }
            if (agent.state() == AgentState.RINGING) {
                apply(agent.name(), new AgentEvent.RingCancelled(null), "its call was lost in an Asterisk restart");
            } else if (agent.state() == AgentState.TALKING) {
                apply(agent.name(), new AgentEvent.CallEnded(queue, null, "asterisk-restart", false),
                        "its call was lost in an Asterisk restart");
            } else if (agent.state() == AgentState.WRAP_UP) {
                apply(agent.name(), new AgentEvent.WrapUpEnded(), "wrap-up cut short by an Asterisk restart");
            }
        }
        log.info("queue {}: Asterisk restarted; idle agents added back in FIFO order {}", queue, idle);
        rebuild(queue);
    }

    /**
     * Rebuilds the mirror of every known queue whose copy in Redis was lost; returns the queues rebuilt.
     * The check (a Redis round trip) runs outside the service's lock, so the AMI event thread never
     * waits for it; a queue found lost is checked again under the lock before it is rebuilt.
     */
    public List<String> repairMirror() {
        List<String> queues;
        synchronized (this) {
            queues = List.copyOf(knownQueues);
        }
        List<String> repaired = new ArrayList<>();
        for (String queue : queues) {
            if (!mirror.intact(queue)) {
                synchronized (this) {
                    if (!mirror.intact(queue)) {
                        log.warn("the Redis mirror of queue {} was lost; rebuilding it from Asterisk", queue);
                        rebuild(queue);
                        repaired.add(queue);
                    }
                }
            }
        }
        return repaired;
    }

    @Override
    public synchronized void on(QueueCallEvent event) {
        try {
            if (event instanceof QueueCallEvent.AgentRinging e) {
                String previous = ringingFor.get(e.callerChannelId());
                if (previous != null && !previous.equals(e.agent()) && state(previous) == AgentState.RINGING) {
                    // app_queue moved on to the next agent without telling why: the previous ring went unanswered.
                    onAgentEvent(previous, new AgentEvent.RingUnanswered(e.queue(), e.callerChannelId()),
                            "ring moved on to " + e.agent());
                }
                if (state(e.agent()) == AgentState.RINGING) {
                    ringingFor.values().removeIf(e.agent()::equals);
                    onAgentEvent(e.agent(), new AgentEvent.RingCancelled(e.callerChannelId()), "rung for another call");
                }
                onAgentEvent(e.agent(), new AgentEvent.Rang(e.queue(), e.callerChannelId()), "ringing for a call");
                ringingFor.put(e.callerChannelId(), e.agent());
            } else if (event instanceof QueueCallEvent.AgentDidNotAnswer e) {
                ringingFor.remove(e.callerChannelId());
                Agent after = onAgentEvent(e.agent(), new AgentEvent.RingUnanswered(e.queue(), e.callerChannelId()),
                        "did not answer");
                autoPause(after);
            } else if (event instanceof QueueCallEvent.AgentAnswered e) {
                ringingFor.remove(e.callerChannelId());
                onAgentEvent(e.agent(), new AgentEvent.Answered(e.queue(), e.callerChannelId()), "answered a call");
            } else if (event instanceof QueueCallEvent.AgentHungUp e) {
                callEnded(e);
            } else if (event instanceof QueueCallEvent.CallerAbandoned
                    || event instanceof QueueCallEvent.CallerHungUp) {
                QueueCallEvent e = event;
                String ringing = ringingFor.remove(e.callerChannelId());
                if (ringing != null) {
                    onAgentEvent(ringing, new AgentEvent.RingCancelled(e.callerChannelId()), "the caller left");
                }
            }
        } catch (AgentEventNotAllowed e) {
            log.warn("queue {} event {} ignored: {}", event.queue(), event.getClass().getSimpleName(), e.getMessage());
        }
    }

    @Override
    public synchronized void phoneUnavailable(String agent) {
        Agent current = agents.get(agent);
        if (current != null && current.state() != AgentState.LOGGED_OUT) {
            apply(agent, new AgentEvent.LoggedOut(), "phone unreachable (unregistered)");
        }
    }

    private void callEnded(QueueCallEvent.AgentHungUp e) {
        Agent agent = agents.get(e.agent());
        if (agent == null) {
            // Not seen since this adapter started (it restarted during the call): the call shows it serves the queue.
            log.info("agent {} finished a call on queue {} before this adapter knew it: logging it in", e.agent(),
                    e.queue());
            knownQueues.add(e.queue());
            apply(e.agent(), new AgentEvent.LoggedIn(List.of(e.queue())), "call ended by " + e.hungUpBy()
                    + "; adopted after an adapter restart");
            return;
        }
        Agent after = apply(e.agent(), new AgentEvent.CallEnded(e.queue(), e.callerChannelId(), e.hungUpBy(),
                wrapUpOn()), "call ended by " + e.hungUpBy());
        startWrapUp(after);
    }

    private boolean wrapUpOn() {
        return !properties.wrapUp().isZero() && !properties.wrapUp().isNegative();
    }

    private void startWrapUp(Agent after) {
        if (after.state() == AgentState.WRAP_UP) {
            long ticket = ++nextTicket;
            wrapUpTickets.put(after.name(), ticket);
            timer.schedule(properties.wrapUp(), () -> wrapUpOver(after.name(), ticket));
        }
    }

    private synchronized void wrapUpOver(String agent, long ticket) {
        if (Objects.equals(wrapUpTickets.get(agent), ticket) && state(agent) == AgentState.WRAP_UP) {
            wrapUpTickets.remove(agent);
            apply(agent, new AgentEvent.WrapUpEnded(), "wrap-up over");
        }
    }

    private void autoPause(Agent agent) {
        int limit = properties.autoPauseAfterMissedRings();
        if (limit > 0 && agent.state() == AgentState.IDLE && agent.missedRings() >= limit) {
            apply(agent.name(), new AgentEvent.Paused("missed " + agent.missedRings() + " calls"),
                    "auto-pause after " + agent.missedRings() + " unanswered rings");
        }
    }

    private Agent onAgentEvent(String name, AgentEvent event, String reason) {
        return apply(name, event, reason);
    }

    /** One transition: the state machine decides, then Asterisk, the FIFO and the mirror follow. */
    private Agent apply(String name, AgentEvent event, String reason) {
        Agent before = agent(name);
        Agent after = AgentStateMachine.next(before, event);
        if (before.state().inFifo() && !after.state().inFifo()) {
            for (String queue : before.queues()) {
                membership.remove(queue, name);
                fifo.remove(queue, name);
                mirror.remove(queue, name);
            }
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

    private void record(Agent before, Agent after, String reason) {
        agents.put(after.name(), after);
        if (after.state() != AgentState.WRAP_UP) {
            wrapUpTickets.remove(after.name());
        }
        if (after.state() == AgentState.LOGGED_OUT) {
            ringingFor.values().removeIf(after.name()::equals);
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
    }

    private static boolean callStep(AgentState before, AgentState after) {
        return before != AgentState.LOGGED_OUT && before != AgentState.PAUSED && after != AgentState.LOGGED_OUT
                && after != AgentState.PAUSED;
    }

    private String requireLoggedIn(String agent) {
        requireValidName(agent);
        if (agent(agent).state() == AgentState.LOGGED_OUT) {
            throw new NoSuchAgent(agent);
        }
        return agent;
    }

    private static void requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidAgentName(String.valueOf(name));
        }
    }
}
