package io.dataivr.voice;

import io.dataivr.agent.QueueMembership;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.QueueAddAction;
import org.asteriskjava.manager.action.QueueRemoveAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asterisk's queue members, as the agent feature keeps them equal to the idle-agent FIFO: QueueAdd,
 * QueueRemove and QueueStatus on the action session. Changes are sent without waiting for Asterisk's
 * answer, so the event thread never blocks on AMI: Asterisk runs one session's actions in order, so a
 * later action or QueueStatus sees them. A change Asterisk refuses or that is not sent is logged and the
 * queue resynchronised ({@code resync}).
 */
final class AmiQueueMembership implements QueueMembership {

    private static final Logger log = LoggerFactory.getLogger(AmiQueueMembership.class);

    private final AmiConnections ami;
    private final VoiceProperties properties;
    private final Consumer<String> resync;

    AmiQueueMembership(AmiConnections ami, VoiceProperties properties, Consumer<String> resync) {
        this.ami = ami;
        this.properties = properties;
        this.resync = resync;
    }

    /**
     * Appends the agent at the queue's tail. A QueueRemove goes first, so an agent somehow still listed
     * moves to the tail instead of keeping its old place.
     */
    @Override
    public void add(String queue, String agent) {
        QueueAddAction add = new QueueAddAction(queue, properties.interfaceOf(agent));
        add.setMemberName(agent);
        add.setStateInterface(properties.interfaceOf(agent));
        remove(queue, agent);
        String what = "add " + agent + " to queue " + queue;
        ami.sendWithoutWaiting(add, what, refusal -> failed(what, "Asterisk refused: " + refusal, queue),
                error -> failed(what, error, queue));
    }

    /** Takes the agent out of the queue; like {@link #add}, without waiting. Removing an absent agent is no error. */
    @Override
    public void remove(String queue, String agent) {
        String what = "remove " + agent + " from queue " + queue;
        ami.sendWithoutWaiting(new QueueRemoveAction(queue, properties.interfaceOf(agent)), what, null,
                error -> failed(what, error, queue));
    }

    private void failed(String what, String why, String queue) {
        log.warn("could not {} ({}); resynchronising the queue", what, why);
        resync.accept(queue);
    }

    /**
     * Waits until Asterisk has carried out every change queued before this call. An agent's login or
     * pause answers only then, so a client reading the queue right after sees the change. Asterisk gone
     * meanwhile is no error here: the change is in the adapter's state, and the reconnect sets Asterisk's
     * queues from it.
     */
    @Override
    public void awaitApplied() {
        try {
            ami.awaitWritten("apply the queued queue changes");
        } catch (AsteriskUnavailable e) {
            log.info("queue changes not confirmed by Asterisk ({}); the reconnect sets its queues", e.getMessage());
        }
    }

    @Override
    public List<String> members(String queue) {
        QueueStatusAction status = new QueueStatusAction();
        status.setQueue(queue);
        ResponseEvents response = ami.sendForEvents(status, "read queue " + queue);
        List<String> members = new ArrayList<>();
        for (ManagerEvent event : response.getEvents()) {
            if (event instanceof QueueMemberEvent member && queue.equals(member.getQueue())) {
                members.add(member.getMemberName() != null ? member.getMemberName()
                        : properties.agentOf(member.getInterface()));
            }
        }
        return members;
    }
}
