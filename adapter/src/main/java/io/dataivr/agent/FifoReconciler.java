package io.dataivr.agent;

import io.dataivr.call.CallInProgress;
import io.dataivr.call.HungUpBy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the idle-agent FIFO, its Redis mirror and the agents' states agree with Asterisk again: after an
 * adapter restart or an AMI reconnect (the calls Asterisk holds, then its members), after an Asterisk
 * restart (the idle agents added back in FIFO order), and when the mirror was lost in Redis. Each step
 * runs under the roster's lock.
 */
public class FifoReconciler {

    private static final Logger log = LoggerFactory.getLogger(FifoReconciler.class);

    private final AgentRoster roster;

    FifoReconciler(AgentRoster roster) {
        this.roster = roster;
    }

    /**
     * After an adapter restart or an AMI reconnect, before the queues are rebuilt: sets each agent from
     * the calls Asterisk holds and what was known before ({@link AgentRecovery}). Agents on a call come
     * back TALKING (or RINGING), paused ones stay paused; when their call ends they go to the tail.
     * Only agents of {@code queues} (the queues this adapter keeps) are considered.
     */
    public void recoverCalls(List<CallInProgress> calls, List<String> queues) {
        synchronized (roster) {
            Map<String, SavedAgentState> saved = roster.stateLog.saved();
            Map<String, Agent> known = new HashMap<>();
            roster.all().forEach(agent -> known.put(agent.name(), agent));
            Map<String, List<String>> members = new HashMap<>();
            for (AgentRecovery.Step step : AgentRecovery.plan(known, saved, calls, roster.wrapUpOn(), queues)) {
                recover(step, members);
            }
        }
    }

    private void recover(AgentRecovery.Step step, Map<String, List<String>> members) {
        Agent restored = step.agent();
        Agent before = roster.agent(restored.name());
        if (before.state().inFifo() && !restored.state().inFifo()) {
            roster.leaveFifo(before);
        }
        roster.know(restored.queues());
        if (!before.equals(restored)) {
            roster.record(before, restored, step.reason());
        }
        if (step.ringingFor() != null) {
            roster.ringingFor(step.ringingFor(), restored.name());
        }
        if (step.then() instanceof AgentEvent.CallEnded && isMember(restored, members)) {
            // Its call-end was handled (it is back in Asterisk) but not stored before the adapter stopped.
            roster.record(restored, restored.in(AgentState.IDLE), "already back in Asterisk's queue");
        } else if (step.then() != null) {
            roster.startWrapUp(roster.apply(restored.name(), step.then(), step.reason()));
        }
    }

    private boolean isMember(Agent agent, Map<String, List<String>> members) {
        return agent.queues().stream()
                .anyMatch(queue -> members.computeIfAbsent(queue, roster.membership::members).contains(agent.name()));
    }

    /**
     * Makes the FIFO and its mirror equal to Asterisk's members (adapter start, AMI reconnect, lost
     * mirror). Asterisk's members and their order win; an agent the adapter holds as idle in that queue
     * but Asterisk does not is taken out of it (logged out when it serves no queue any more); a member
     * the adapter holds as busy or paused is removed from Asterisk, which cannot know that.
     */
    public void rebuild(String queue) {
        synchronized (roster) {
            roster.know(List.of(queue));
            List<String> members = new ArrayList<>(roster.membership.members(queue));
            for (String name : List.copyOf(members)) {
                if (!keepMember(queue, name)) {
                    members.remove(name);
                }
            }
            for (Agent agent : roster.all()) {
                if (agent.state().inFifo() && agent.queues().contains(queue) && !members.contains(agent.name())) {
                    List<String> rest = AgentRoster.without(agent, queue);
                    if (rest.isEmpty()) {
                        roster.record(agent, Agent.loggedOut(agent.name()), "not a member of queue " + queue
                                + " in Asterisk");
                    } else {
                        roster.update(agent.withQueues(rest));
                    }
                }
            }
            roster.replaceFifo(queue, members);
            log.info("idle-agent FIFO of queue {} rebuilt from Asterisk: {}", queue, members);
        }
    }

    /** A member Asterisk holds: kept (the agent found idle in it) unless the adapter knows it is busy or paused. */
    private boolean keepMember(String queue, String name) {
        Agent agent = roster.known(name) ? roster.agent(name) : null;
        if (agent != null && agent.queues().contains(queue) && !agent.state().inFifo()
                && agent.state() != AgentState.LOGGED_OUT) {
            roster.membership.remove(queue, name);
            log.warn("agent {} is {} but was a member of queue {}: removed from it", name, agent.state(), queue);
            return false;
        }
        if (agent == null || agent.state() == AgentState.LOGGED_OUT) {
            Agent found = new Agent(name, AgentState.IDLE, List.of(queue), null, 0);
            roster.record(agent == null ? Agent.loggedOut(name) : agent, found, "found in queue " + queue
                    + " in Asterisk");
        } else if (!agent.queues().contains(queue)) {
            List<String> more = new ArrayList<>(agent.queues());
            more.add(queue);
            roster.update(agent.withQueues(more));
            log.info("agent {} also found in queue {} in Asterisk", name, queue);
        }
        return true;
    }

    /**
     * Asterisk restarted (its start time changed) and came back without members: the agents the
     * adapter held as idle in the queue are added back in their FIFO order (a ringing agent, whose
     * ring the restart cut, keeps its place as when a caller gives up); agents whose call was cut
     * (talking, in wrap-up) join the tail as after any call, or pause if they asked to; paused agents
     * stay paused. Then the FIFO is rebuilt from Asterisk as on any reconnect, so a
     * member Asterisk does hold (a phone's *71 after the restart) is kept.
     */
    public void restoreAfterAsteriskRestart(String queue) {
        synchronized (roster) {
            roster.know(List.of(queue));
            List<String> idle = roster.idle(queue);
            for (String name : idle) {
                roster.membership.add(queue, name);
            }
            for (Agent agent : roster.all()) {
                if (agent.queues().contains(queue)) {
                    restore(agent, queue);
                }
            }
            log.info("queue {}: Asterisk restarted; idle agents added back in FIFO order {}", queue, idle);
            rebuild(queue);
        }
    }

    private void restore(Agent agent, String queue) {
        String why = "its call was lost in an Asterisk restart";
        if (agent.state() == AgentState.RINGING) {
            roster.apply(agent.name(), new AgentEvent.RingCancelled(null), why);
        } else if (agent.state() == AgentState.TALKING) {
            roster.apply(agent.name(), new AgentEvent.CallEnded(queue, null, HungUpBy.UNKNOWN, false), why);
        } else if (agent.state() == AgentState.WRAP_UP) {
            roster.apply(agent.name(), new AgentEvent.WrapUpEnded(), "wrap-up cut short by an Asterisk restart");
        }
    }

    /**
     * Rebuilds the mirror of every known queue whose copy in Redis was lost; returns the queues rebuilt.
     * The check (a Redis round trip) runs outside the roster's lock, so the AMI event thread never
     * waits for it; a queue found lost is checked again under the lock before it is rebuilt.
     */
    public List<String> repairMirror() {
        List<String> repaired = new ArrayList<>();
        for (String queue : roster.knownQueues()) {
            if (!roster.mirror.intact(queue)) {
                synchronized (roster) {
                    if (!roster.mirror.intact(queue)) {
                        log.warn("the Redis mirror of queue {} was lost; rebuilding it from Asterisk", queue);
                        rebuild(queue);
                        repaired.add(queue);
                    }
                }
            }
        }
        return repaired;
    }
}
