package io.dataivr.voice;

import io.dataivr.session.DeviceNotAuthorized;
import io.dataivr.session.UnknownVoiceRequest;
import io.dataivr.session.VoiceCallService;
import io.dataivr.session.VoiceRequest;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * FastAGI {@code voice-link}: the app's SIP call dialled {@code vr-…}; link that call to its voice
 * request and tell the dialplan which queue to enter (empty DATAIVR_QUEUE = refuse the call).
 */
final class VoiceLinkScript implements AgiScript {

    private static final Logger log = LoggerFactory.getLogger(VoiceLinkScript.class);

    private final VoiceCallService calls;

    VoiceLinkScript(VoiceCallService calls) {
        this.calls = calls;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        String requestId = request.getExtension();
        MDC.put("callId", request.getUniqueId());
        try {
            String endpoint = channel.getFullVariable("${CHANNEL(endpoint)}");
            VoiceRequest linked = calls.link(requestId, request.getUniqueId(), endpoint);
            channel.setVariable("__DATAIVR_SESSION", linked.sessionId().toString());
            channel.setVariable("__DATAIVR_REQUEST", linked.id());
            channel.setVariable("DATAIVR_QUEUE", linked.queue());
            log.info("call {} linked to voice request {} of session {}", request.getUniqueId(), linked.id(),
                    linked.sessionId());
        } catch (UnknownVoiceRequest | DeviceNotAuthorized e) {
            log.info("call {} refused: {}", request.getUniqueId(), e.getMessage());
            channel.setVariable("DATAIVR_QUEUE", "");
            channel.setVariable("DATAIVR_ERROR", e.code());
        } finally {
            MDC.remove("callId");
        }
    }
}
