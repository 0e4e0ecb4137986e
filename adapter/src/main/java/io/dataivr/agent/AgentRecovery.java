package io.dataivr.agent;

import io.dataivr.call.CallInProgress;
import io.dataivr.call.ChannelId;
import io.dataivr.call.HungUpBy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what each agent is after the adapter (re)connects to Asterisk, from the calls Asterisk
 * holds, what the adapter knows in memory (an AMI reconnect) or else its saved states (a restart).
 * Plain rules, no side effects; idle agents are left to the queue rebuild (Asterisk's members and
 * their order win):
 * <ul>
 * <li>on an answered call: TALKING, ringing: RINGING (in its saved queues, else the call's queue;
 * a pause asked for or taken before is kept for after the call); unless it logged out during it;
 * <li>no call but TALKING before: the call ended while the adapter was away: it ends now (to the tail);
 * <li>no call but RINGING before: the ring is over: IDLE, the queue rebuild decides where;
 * <li>PAUSED or WRAP_UP before (saved): restored as such; a wrap-up ends at once.
 * </ul>
 */
final class AgentRecovery {

    /** One agent to set: its state, why, then an event to apply (or null), and the caller it rings for. */
    record Step(Agent agent, String reason, AgentEvent then, ChannelId ringingFor) {
    }

    private AgentRecovery() {
    }

    /**
     * @param kept the queues this adapter keeps: agents known only in other queues (another node's, or
     *             another adapter's sharing the database) are none of its business
     */
    static List<Step> plan(Map<String, Agent> inMemory, Map<String, SavedAgentState> allSaved,
            List<CallInProgress> calls, boolean wrapUp, Collection<String> kept) {
        Map<String, SavedAgentState> saved = new HashMap<>();
        allSaved.forEach((name, state) -> {
            List<String> ours = state.queues().stream().filter(kept::contains).toList();
            if (!ours.isEmpty()) {
                saved.put(name, new SavedAgentState(name, state.state(), state.previous(), ours, state.pauseReason()));
            }
        });
        Map<String, CallInProgress> callOf = new HashMap<>();
        for (CallInProgress call : calls) {
            if (call.agent() != null && (call.answered() || !callOf.containsKey(call.agent()))) {
                callOf.put(call.agent(), call);
            }
        }
        Set<String> names = new LinkedHashSet<>();
        inMemory.forEach((name, agent) -> {
            if (agent.state() != AgentState.LOGGED_OUT && agent.queues().stream().anyMatch(kept::contains)) {
                names.add(name);
            }
        });
        names.addAll(saved.keySet());
        names.addAll(callOf.keySet());
        List<Step> steps = new ArrayList<>();
        for (String name : names.stream().sorted().toList()) {
            Agent memory = inMemory.get(name);
            SavedAgentState stored = saved.get(name);
            Agent known = memory != null ? memory : stored != null ? stored.toAgent() : null;
            CallInProgress call = callOf.get(name);
            boolean loggedOutForSure = memory != null || stored != null && stored.loggedOutDuringCall();
            Step step = call != null ? onCall(name, known, memory != null, loggedOutForSure, call)
                    : noCall(known, memory == null, wrapUp);
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    private static Step onCall(String name, Agent known, boolean inMemory, boolean loggedOutForSure,
            CallInProgress call) {
        if (known != null && known.state() == AgentState.LOGGED_OUT && loggedOutForSure) {
            return null;
        }
        AgentState target = call.answered() ? AgentState.TALKING : AgentState.RINGING;
        if (inMemory && known.state() == target) {
            return target == AgentState.RINGING
                    ? new Step(known, "ringing for a call in Asterisk", null, call.callerChannelId()) : null;
        }
        boolean knownIn = known != null && !known.queues().isEmpty();
        List<String> queues = knownIn ? known.queues() : List.of(call.queue());
        String pause = knownIn && (known.state() == AgentState.PAUSED || known.pauseRequested())
                ? known.pauseReason() : null;
        Agent restored = new Agent(name, target, queues, pause, 0);
        String reason = (call.answered() ? "on a call" : "ringing for a call") + " of queue " + call.queue()
                + " in Asterisk, found at (re)connect";
        return new Step(restored, reason, null, call.answered() ? null : call.callerChannelId());
    }

    private static Step noCall(Agent known, boolean fromSaved, boolean wrapUp) {
        if (known == null) {
            return null;
        }
        switch (known.state()) {
            case TALKING:
                String queue = known.queues().isEmpty() ? null : known.queues().get(0);
                return new Step(known, "was talking; no call of it in Asterisk any more",
                        new AgentEvent.CallEnded(queue, null, HungUpBy.UNKNOWN, wrapUp),
                        null);
            case RINGING:
                AgentState after = known.pauseReason() != null ? AgentState.PAUSED : AgentState.IDLE;
                return new Step(known.in(after), "was ringing; no call for it in Asterisk any more", null, null);
            case PAUSED:
                return fromSaved ? new Step(known, "paused before the adapter restarted", null, null) : null;
            case WRAP_UP:
                return fromSaved ? new Step(known, "in wrap-up before the adapter restarted",
                        new AgentEvent.WrapUpEnded(), null) : null;
            default:
                return null;
        }
    }
}
