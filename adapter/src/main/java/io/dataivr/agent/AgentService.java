package io.dataivr.agent;

import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use cases on agents (steps 6-7): log in, log out, and the FIFO rules on queue call events. Asterisk's
 * members are kept equal to the FIFO (the member is taken out when it answers and appended when the
 * call ends), so a linear queue always rings the agent who has been idle longest; Redis mirrors it.
 */
public class AgentService implements QueueCallListener {

    private static final Logger log = LoggerFactory.getLogger(AgentService.class);
    private static final Pattern AGENT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final QueueMembership membership;
    private final IdleAgentMirror mirror;
    private final AgentStateLog stateLog;
    private final IdleAgentQueue fifo = new IdleAgentQueue();

    public AgentService(QueueMembership membership, IdleAgentMirror mirror, AgentStateLog stateLog) {
        this.membership = membership;
        this.mirror = mirror;
        this.stateLog = stateLog;
    }

    public synchronized void login(String agent, String queue) {
        requireValidName(agent);
        requireValidName(queue);
        AgentState before = fifo.state(agent);
        if (before != AgentState.LOGGED_OUT) {
            return;
        }
        membership.add(queue, agent);
        fifo.appendIdle(queue, agent);
        mirror.append(queue, agent);
        transition(agent, before, AgentState.IDLE, "login to " + queue);
    }

    public synchronized void logout(String agent) {
        AgentState before = fifo.state(agent);
        String queue = fifo.queueOf(agent).orElseThrow(() -> new NoSuchAgent(agent));
        membership.remove(queue, agent);
        mirror.remove(queue, agent);
        fifo.loggedOut(agent);
        transition(agent, before, AgentState.LOGGED_OUT, "logout");
    }

    public synchronized List<String> idleAgents(String queue) {
        return fifo.idle(queue);
    }

    public synchronized AgentState state(String agent) {
        return fifo.state(agent);
    }

    /** Makes the FIFO and its mirror equal to Asterisk's members again (adapter start, AMI reconnect). */
    public synchronized void rebuild(String queue) {
        List<String> members = membership.members(queue);
        fifo.replace(queue, members);
        mirror.replace(queue, members);
        log.info("idle-agent FIFO of queue {} rebuilt from Asterisk: {}", queue, members);
    }

    @Override
    public synchronized void on(QueueCallEvent event) {
        if (event instanceof QueueCallEvent.AgentRinging e) {
            move(e.agent(), AgentState.RINGING, "ringing for " + e.callerChannelId());
        } else if (event instanceof QueueCallEvent.AgentDidNotAnswer e) {
            move(e.agent(), AgentState.IDLE, "did not answer");
        } else if (event instanceof QueueCallEvent.AgentAnswered e) {
            answered(e);
        } else if (event instanceof QueueCallEvent.AgentHungUp e) {
            hungUp(e);
        }
    }

    private void answered(QueueCallEvent.AgentAnswered event) {
        membership.remove(event.queue(), event.agent());
        fifo.removeIdle(event.queue(), event.agent());
        mirror.remove(event.queue(), event.agent());
        move(event.agent(), AgentState.TALKING, "answered " + event.callerChannelId());
    }

    private void hungUp(QueueCallEvent.AgentHungUp event) {
        if (fifo.signedOff(event.agent())) {
            return;
        }
        AgentState before = fifo.state(event.agent());
        membership.add(event.queue(), event.agent());
        if (fifo.appendIdle(event.queue(), event.agent())) {
            mirror.append(event.queue(), event.agent());
        }
        transition(event.agent(), before, AgentState.IDLE, "call ended by " + event.hungUpBy());
    }

    private void move(String agent, AgentState to, String reason) {
        AgentState before = fifo.state(agent);
        fifo.setState(agent, to);
        transition(agent, before, to, reason);
    }

    private void transition(String agent, AgentState from, AgentState to, String reason) {
        log.info("agent {}: {} -> {} ({})", agent, from, to, reason);
        stateLog.transition(agent, from, to, reason);
    }

    private static void requireValidName(String name) {
        if (name == null || !AGENT_NAME.matcher(name).matches()) {
            throw new InvalidAgentName(String.valueOf(name));
        }
    }
}
