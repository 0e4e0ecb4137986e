package io.dataivr.agent;

import io.dataivr.call.QueueCallEvent;
import io.dataivr.call.QueueCallListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FIFO rules on what happens to queue calls (step 7): an agent rings, answers, misses a ring (and
 * is paused after too many), hangs up (wrap-up, then the FIFO's tail), or its phone goes away (logged
 * out). Each event is applied under the roster's lock, so AMI events and API calls never interleave.
 */
public class QueueCallRules implements QueueCallListener, AgentPhoneListener {

    private static final Logger log = LoggerFactory.getLogger(QueueCallRules.class);

    private final AgentRoster roster;

    QueueCallRules(AgentRoster roster) {
        this.roster = roster;
    }

    @Override
    public void on(QueueCallEvent event) {
        synchronized (roster) {
            try {
                apply(event);
            } catch (AgentEventNotAllowed e) {
                log.warn("queue {} event {} ignored: {}", event.queue(), event.getClass().getSimpleName(),
                        e.getMessage());
            }
        }
    }

    private void apply(QueueCallEvent event) {
        if (event instanceof QueueCallEvent.AgentRinging e) {
            String previous = roster.ringing(e.callerChannelId());
            if (previous != null && !previous.equals(e.agent()) && state(previous) == AgentState.RINGING) {
                // app_queue moved on to the next agent without telling why: the previous ring went unanswered.
                roster.apply(previous, new AgentEvent.RingUnanswered(e.queue(), e.callerChannelId()),
                        "ring moved on to " + e.agent());
            }
            if (state(e.agent()) == AgentState.RINGING) {
                roster.forgetRings(e.agent());
                roster.apply(e.agent(), new AgentEvent.RingCancelled(e.callerChannelId()), "rung for another call");
            }
            roster.apply(e.agent(), new AgentEvent.Rang(e.queue(), e.callerChannelId()), "ringing for a call");
            roster.ringingFor(e.callerChannelId(), e.agent());
        } else if (event instanceof QueueCallEvent.AgentDidNotAnswer e) {
            roster.ringOver(e.callerChannelId());
            Agent after = roster.apply(e.agent(), new AgentEvent.RingUnanswered(e.queue(), e.callerChannelId()),
                    "did not answer");
            autoPause(after);
        } else if (event instanceof QueueCallEvent.AgentAnswered e) {
            roster.ringOver(e.callerChannelId());
            roster.apply(e.agent(), new AgentEvent.Answered(e.queue(), e.callerChannelId()), "answered a call");
        } else if (event instanceof QueueCallEvent.AgentHungUp e) {
            callEnded(e);
        } else if (event instanceof QueueCallEvent.CallerAbandoned || event instanceof QueueCallEvent.CallerHungUp) {
            String ringing = roster.ringOver(event.callerChannelId());
            if (ringing != null) {
                roster.apply(ringing, new AgentEvent.RingCancelled(event.callerChannelId()), "the caller left");
            }
        }
    }

    @Override
    public void phoneUnavailable(String agent) {
        synchronized (roster) {
            if (state(agent) != AgentState.LOGGED_OUT) {
                roster.apply(agent, new AgentEvent.LoggedOut(), "phone unreachable (unregistered)");
            }
        }
    }

    private void callEnded(QueueCallEvent.AgentHungUp e) {
        if (!roster.known(e.agent())) {
            // Not seen since this adapter started (it restarted during the call): the call shows it serves the queue.
            log.info("agent {} finished a call on queue {} before this adapter knew it: logging it in", e.agent(),
                    e.queue());
            roster.know(List.of(e.queue()));
            roster.apply(e.agent(), new AgentEvent.LoggedIn(List.of(e.queue())), "call ended by " + e.hungUpBy().word()
                    + "; adopted after an adapter restart");
            return;
        }
        Agent after = roster.apply(e.agent(), new AgentEvent.CallEnded(e.queue(), e.callerChannelId(), e.hungUpBy(),
                roster.wrapUpOn(e.agent())), "call ended by " + e.hungUpBy().word());
        roster.startWrapUp(after);
    }

    private void autoPause(Agent agent) {
        int limit = roster.autoPauseAfterMissedRings();
        if (limit > 0 && agent.state() == AgentState.IDLE && agent.missedRings() >= limit) {
            roster.apply(agent.name(), new AgentEvent.Paused("missed " + agent.missedRings() + " calls"),
                    "auto-pause after " + agent.missedRings() + " unanswered rings");
        }
    }

    private AgentState state(String agent) {
        return roster.agent(agent).state();
    }
}
