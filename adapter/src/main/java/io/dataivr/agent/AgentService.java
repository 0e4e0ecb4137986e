package io.dataivr.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * An agent's own use cases (steps 6-7), from the REST API, the console and the phone's feature codes
 * alike: log in, log out, pause, resume, and what an agent or a queue looks like now. Each change is one
 * transition of the roster's state machine under its lock ({@link AgentRoster}); it returns once Asterisk
 * has carried out the membership change and the new state is stored (a restarted adapter must know it).
 */
public class AgentService {

    private final AgentRoster roster;

    AgentService(AgentRoster roster) {
        this.roster = roster;
    }

    public void login(String agent, String queue) {
        login(agent, List.of(queue));
    }

    /** Logs the agent in to its queues: it joins the tail of each queue's FIFO. */
    public Agent login(String agent, List<String> queues) {
        AgentName.require(agent);
        if (queues == null || queues.isEmpty()) {
            throw new InvalidAgentName();
        }
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(queues));
        distinct.forEach(AgentName::require);
        return stored(() -> {
            roster.know(distinct);
            return roster.apply(agent, new AgentEvent.LoggedIn(distinct), "login to " + String.join(",", distinct));
        });
    }

    public Agent logout(String agent) {
        return stored(() -> roster.apply(requireLoggedIn(agent), new AgentEvent.LoggedOut(), "logout"));
    }

    /** Pauses the agent (out of the FIFO); while it rings or talks, the pause starts when the call is over. */
    public Agent pause(String agent, String reason) {
        String why = reason == null || reason.isBlank() ? "break" : reason.strip();
        String kept = why.length() > 64 ? why.substring(0, 64) : why;
        return stored(() -> roster.apply(requireLoggedIn(agent), new AgentEvent.Paused(kept), "pause: " + kept));
    }

    /**
     * Pauses the agent for one of the configured reasons (dataivr.agent.pause-reasons), by its code: the
     * console's and the REST API's pause; {@code null} means the first one. The code is what the state log
     * keeps ("pause: CODE"), so reports show it.
     */
    public Agent pauseFor(String agent, String reasonCode) {
        List<LabelledCode> reasons = roster.properties().pauseReasons();
        String code = reasonCode == null ? reasons.get(0).code() : reasonCode;
        if (reasons.stream().noneMatch(r -> r.code().equals(code))) {
            throw new UnknownPauseReason(code);
        }
        return pause(agent, code);
    }

    /** The reasons an agent may pause for on the console, in the configured order. */
    public List<LabelledCode> pauseReasons() {
        return roster.properties().pauseReasons();
    }

    /** What an agent may record as a call's outcome, in the configured order. */
    public List<LabelledCode> dispositions() {
        return roster.properties().dispositions();
    }

    /** Every queue an agent logged in to since this adapter started, and those it keeps (dataivr.voice.queues). */
    public List<String> knownQueues() {
        return roster.knownQueues();
    }

    /** Ends a pause: the agent joins the tail of its queues' FIFOs. */
    public Agent resume(String agent) {
        return stored(() -> roster.apply(requireLoggedIn(agent), new AgentEvent.Resumed(), "resume"));
    }

    /**
     * Ends the agent's wrap-up now instead of when the wrap-up time is over: it joins the tail of its
     * queues' FIFOs. Refused ({@link AgentEventNotAllowed}) unless the agent is in wrap-up.
     */
    public Agent endWrapUp(String agent) {
        return stored(() -> roster.apply(requireLoggedIn(agent), new AgentEvent.WrapUpEnded(), "wrap-up ended early"));
    }

    /** When the agent's current state began, as this adapter saw it; null for an agent never seen. */
    public Instant since(String agent) {
        return roster.since(agent);
    }

    /** Tells {@code listener} of every agent state transition from now on ({@link AgentStateListener}). */
    public void subscribe(AgentStateListener listener) {
        roster.subscribe(listener);
    }

    public void unsubscribe(AgentStateListener listener) {
        roster.unsubscribe(listener);
    }

    public Agent agent(String agent) {
        return roster.agent(agent);
    }

    /** Every agent logged in, by name. */
    public List<Agent> agents() {
        return roster.loggedIn();
    }

    public AgentState state(String agent) {
        return roster.agent(agent).state();
    }

    /** The queue's idle-agent FIFO, head (idle longest) first. */
    public List<String> idleAgents(String queue) {
        return roster.idle(queue);
    }

    /** Agents logged in to the queue and not paused (those who will take its calls, sooner or later). */
    public int servingAgents(String queue) {
        return roster.serving(queue);
    }

    /**
     * Runs an agent's own action under the roster's lock, then waits (outside it) until Asterisk has
     * carried out the membership change and the new state is stored.
     */
    private Agent stored(Supplier<Agent> action) {
        Agent after;
        synchronized (roster) {
            after = action.get();
        }
        roster.membership.awaitApplied();
        roster.stateLog.sync();
        return after;
    }

    /** Called under the roster's lock. */
    private String requireLoggedIn(String agent) {
        AgentName.require(agent);
        if (roster.agent(agent).state() == AgentState.LOGGED_OUT) {
            throw new NoSuchAgent(agent);
        }
        return agent;
    }
}
