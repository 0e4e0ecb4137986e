package io.dataivr.agent;

/**
 * The agent state machine, and nothing else: given an agent and an event, the agent after it, or
 * {@link AgentEventNotAllowed} when the event does not apply in that state. No side effects: the
 * service turns a change of {@link AgentState#inFifo()} into queue membership changes.
 *
 * <pre>
 *  state \ event  login  logout  pause        resume         ring     no-answer/cancel answer call-end       wrap-up-end
 *  LOGGED_OUT     IDLE   -       -            -              -        -          -        -                 -
 *  IDLE           -      OUT     PAUSED       -              RINGING  -          TALKING  -                 -
 *  RINGING        -      OUT     (after call) (cancels that) -        IDLE|PAUSED TALKING -                 -
 *  TALKING        -      OUT     (after call) (cancels that) -        -          -        WRAP_UP|IDLE|PAUSED -
 *  WRAP_UP        -      OUT     PAUSED       -              -        -          -        -                 IDLE
 *  PAUSED         -      OUT     -            IDLE           -        -          -        -                 -
 * </pre>
 * A pause asked for while ringing or talking is kept and taken when the call is over (or the ring
 * goes unanswered); "answer" from IDLE covers a ring event lost in an AMI gap.
 */
public final class AgentStateMachine {

    private AgentStateMachine() {
    }

    public static Agent next(Agent agent, AgentEvent event) {
        AgentState state = agent.state();
        if (event instanceof AgentEvent.LoggedIn e) {
            if (state == AgentState.LOGGED_OUT && !e.queues().isEmpty()) {
                return new Agent(agent.name(), AgentState.IDLE, e.queues(), null, 0);
            }
        } else if (event instanceof AgentEvent.LoggedOut) {
            if (state != AgentState.LOGGED_OUT) {
                return Agent.loggedOut(agent.name());
            }
        } else if (event instanceof AgentEvent.Paused e) {
            if (state == AgentState.IDLE || state == AgentState.WRAP_UP) {
                return agent.in(AgentState.PAUSED).withPauseReason(e.reason());
            }
            if ((state == AgentState.RINGING || state == AgentState.TALKING) && agent.pauseReason() == null) {
                return agent.withPauseReason(e.reason());
            }
        } else if (event instanceof AgentEvent.Resumed) {
            if (state == AgentState.PAUSED) {
                return agent.in(AgentState.IDLE).withPauseReason(null).withMissedRings(0);
            }
            if (agent.pauseRequested()) {
                return agent.withPauseReason(null);
            }
        } else if (event instanceof AgentEvent.Rang) {
            if (state == AgentState.IDLE) {
                return agent.in(AgentState.RINGING);
            }
        } else if (event instanceof AgentEvent.RingUnanswered) {
            if (state == AgentState.RINGING) {
                Agent missed = agent.withMissedRings(agent.missedRings() + 1);
                return missed.in(agent.pauseReason() != null ? AgentState.PAUSED : AgentState.IDLE);
            }
        } else if (event instanceof AgentEvent.RingCancelled) {
            if (state == AgentState.RINGING) {
                return agent.in(agent.pauseReason() != null ? AgentState.PAUSED : AgentState.IDLE);
            }
        } else if (event instanceof AgentEvent.Answered) {
            if (state == AgentState.IDLE || state == AgentState.RINGING) {
                return agent.in(AgentState.TALKING).withMissedRings(0);
            }
        } else if (event instanceof AgentEvent.CallEnded e) {
            if (state == AgentState.TALKING) {
                if (agent.pauseReason() != null) {
                    return agent.in(AgentState.PAUSED);
                }
                return agent.in(e.wrapUp() ? AgentState.WRAP_UP : AgentState.IDLE);
            }
        } else if (event instanceof AgentEvent.WrapUpEnded) {
            if (state == AgentState.WRAP_UP) {
                return agent.in(AgentState.IDLE);
            }
        }
        throw new AgentEventNotAllowed(agent.name(), state, event);
    }
}
