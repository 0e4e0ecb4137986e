package io.dataivr.voice;

import io.dataivr.call.CallControl;
import io.dataivr.call.ChannelId;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hangs up a customer's call in a queue (AMI Hangup by channel name, which the tracker knows). */
final class AmiCallControl implements CallControl {

    private static final Logger log = LoggerFactory.getLogger(AmiCallControl.class);
    /** Q.850 cause 16, normal clearing: the customer gave up. */
    private static final int NORMAL_CLEARING = 16;

    private final AmiConnections ami;
    private final QueueCallerTracker callers;

    AmiCallControl(AmiConnections ami, QueueCallerTracker callers) {
        this.ami = ami;
        this.callers = callers;
    }

    @Override
    public void hangUp(ChannelId callerChannelId) {
        String channel = callers.channelOf(callerChannelId.value());
        if (channel == null) {
            log.info("hang-up of call {} asked, but it is not waiting in a queue any more", callerChannelId);
            return;
        }
        ManagerResponse response = ami.send(new HangupAction(channel, NORMAL_CLEARING), "hang up call "
                + callerChannelId);
        if (response instanceof ManagerError) {
            log.info("hang-up of call {} not done: {}", callerChannelId, response.getMessage());
        }
    }
}
