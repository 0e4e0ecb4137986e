package io.dataivr.voice;

import io.dataivr.call.CallInProgress;
import io.dataivr.call.ChannelId;
import io.dataivr.call.QueueCalls;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.stream.Collectors;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * Reads the queue calls Asterisk holds (AMI CoreShowChannels): each caller is a channel running
 * {@code Queue(QUEUE,…)}; the agent's leg shares the caller's Linkedid and is the agent's PJSIP
 * channel, up once answered; the caller's {@code DATAIVR_REQUEST} (set by the dialplan as the call takes its
 * voice link) names its voice request. The Uniqueid of every channel comes with them, so that a call the
 * database holds open can be told gone from Asterisk.
 */
final class AsteriskCallReader implements QueueCalls {

    private static final int STATE_UP = 6;

    private final AmiGateway gateway;
    private final VoiceProperties properties;

    AsteriskCallReader(AmiGateway gateway, VoiceProperties properties) {
        this.gateway = gateway;
        this.properties = properties;
    }

    @Override
    public Snapshot snapshot() {
        Set<String> followed = gateway.followedCallers();
        List<CoreShowChannelEvent> channels = new ArrayList<>();
        for (ManagerEvent event : gateway.query(new CoreShowChannelsAction(), "list channels").getEvents()) {
            if (event instanceof CoreShowChannelEvent channel && channel.getUniqueid() != null) {
                channels.add(channel);
            }
        }
        List<CallInProgress> calls = new ArrayList<>();
        for (CoreShowChannelEvent caller : channels) {
            String queue = queueOf(caller);
            if (queue == null || !properties.queues().contains(queue)) {
                continue;
            }
            CoreShowChannelEvent agentLeg = agentLegOf(caller, channels);
            String agent = agentLeg == null ? null : agentOf(agentLeg.getChannel());
            boolean answered = agentLeg != null && Integer.valueOf(STATE_UP).equals(agentLeg.getChannelState());
            gateway.knowCaller(caller.getUniqueid(), caller.getChannel(), queue, answered);
            calls.add(new CallInProgress(queue, ChannelId.of(caller.getUniqueid()), agent, answered,
                    gateway.variable(caller.getChannel(), "DATAIVR_REQUEST")));
        }
        Set<String> uniqueIds = new HashSet<>();
        channels.forEach(channel -> uniqueIds.add(channel.getUniqueid()));
        gateway.forgetGone(followed, uniqueIds);
        return new Snapshot(calls, uniqueIds.stream().map(ChannelId::new).collect(Collectors.toSet()));
    }

    /** The queue of a caller's channel ({@code Queue} application, first argument), else null. */
    private static String queueOf(CoreShowChannelEvent channel) {
        if (!"Queue".equalsIgnoreCase(channel.getApplication()) || channel.getApplicationdata() == null) {
            return null;
        }
        String queue = channel.getApplicationdata().split(",", 2)[0].strip();
        return queue.isEmpty() ? null : queue;
    }

    /** The agent's leg of the caller's call: answered first, else one that rings. */
    private CoreShowChannelEvent agentLegOf(CoreShowChannelEvent caller, List<CoreShowChannelEvent> channels) {
        CoreShowChannelEvent found = null;
        for (CoreShowChannelEvent leg : channels) {
            if (leg == caller || caller.getLinkedid() == null || !caller.getLinkedid().equals(leg.getLinkedid())
                    || agentOf(leg.getChannel()) == null) {
                continue;
            }
            if (Integer.valueOf(STATE_UP).equals(leg.getChannelState())) {
                return leg;
            }
            if (found == null) {
                found = leg;
            }
        }
        return found;
    }

    /** {@code PJSIP/agent1-0000002a} is agent1's leg (with member-interface PJSIP/{agent}); else null. */
    private String agentOf(String channel) {
        if (channel == null || channel.lastIndexOf('-') <= 0) {
            return null;
        }
        String channelInterface = channel.substring(0, channel.lastIndexOf('-'));
        String agent = properties.agentOf(channelInterface);
        return agent.equals(channelInterface) ? null : agent;
    }
}
