package io.dataivr.call;

/**
 * A queue call Asterisk holds, read from it when the adapter (re)connects (calls outlive the adapter).
 *
 * @param queue           the queue the caller entered
 * @param callerChannelId the customer's channel
 * @param agent           the agent whose phone rings or talks, or null while the caller waits
 * @param answered        true when the agent answered (they talk), false while it rings or nobody does
 * @param voiceRequest    the DataIVR voice request the dialplan linked the call to, or null (a call that
 *                        did not come through the adapter's voice link)
 */
public record CallInProgress(String queue, ChannelId callerChannelId, String agent, boolean answered,
        String voiceRequest) {
}
