package io.dataivr.voice;

import io.dataivr.call.ChannelId;
import io.dataivr.call.HungUpBy;
import io.dataivr.call.QueueCallEvent;
import java.util.Optional;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;

/** Turns asterisk-java's mutable event beans into the agent feature's immutable records. */
final class AmiEventTranslator {

    private final VoiceProperties properties;

    AmiEventTranslator(VoiceProperties properties) {
        this.properties = properties;
    }

    Optional<QueueCallEvent> translate(ManagerEvent event) {
        if (event instanceof AgentCalledEvent e) {
            return Optional.of(new QueueCallEvent.AgentRinging(e.getQueue(), ChannelId.of(e.getUniqueId()),
                    agent(e.getMemberName(), e.getInterface())));
        }
        if (event instanceof AgentConnectEvent e) {
            return Optional.of(new QueueCallEvent.AgentAnswered(e.getQueue(), ChannelId.of(e.getUniqueId()),
                    agent(e.getMemberName(), e.getInterface())));
        }
        if (event instanceof AgentCompleteEvent e) {
            return Optional.of(new QueueCallEvent.AgentHungUp(e.getQueue(), ChannelId.of(e.getUniqueId()),
                    agent(e.getMemberName(), e.getInterface()), HungUpBy.fromAsterisk(e.getReason())));
        }
        if (event instanceof AgentRingNoAnswerEvent e) {
            return Optional.of(new QueueCallEvent.AgentDidNotAnswer(e.getQueue(), ChannelId.of(e.getUniqueId()),
                    agent(e.getMemberName(), e.getInterface())));
        }
        if (event instanceof QueueCallerJoinEvent e) {
            int position = e.getPosition() == null ? 0 : e.getPosition();
            return Optional.of(new QueueCallEvent.CallerJoined(e.getQueue(), ChannelId.of(e.getUniqueId()), position));
        }
        if (event instanceof QueueCallerLeaveEvent e) {
            int position = e.getPosition() == null ? 0 : e.getPosition();
            return Optional.of(new QueueCallEvent.CallerLeft(e.getQueue(), ChannelId.of(e.getUniqueId()), position));
        }
        if (event instanceof QueueCallerAbandonEvent e) {
            return Optional.of(new QueueCallEvent.CallerAbandoned(e.getQueue(), ChannelId.of(e.getUniqueId())));
        }
        return Optional.empty();
    }

    /** The agent whose phone became unreachable, if the event says so ({@code PJSIP/agent1 UNAVAILABLE}). */
    Optional<String> unreachableAgent(ManagerEvent event) {
        if (event instanceof DeviceStateChangeEvent e && "UNAVAILABLE".equalsIgnoreCase(e.getState())
                && e.getDevice() != null) {
            String agent = properties.agentOf(e.getDevice());
            return agent.equals(e.getDevice()) ? Optional.empty() : Optional.of(agent);
        }
        return Optional.empty();
    }

    private String agent(String memberName, String channelInterface) {
        return memberName != null && !memberName.isBlank() ? memberName : properties.agentOf(channelInterface);
    }
}
