package io.dataivr.voice;

import io.dataivr.call.ChannelId;
import io.dataivr.session.call.DeviceNotAuthorized;
import io.dataivr.session.call.UnknownVoiceRequest;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.VoiceRequest;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * FastAGI {@code voice-link}: the app's SIP call dialled {@code vr-…} ({@code ${EXTEN}}, the voice
 * request's id) from the PJSIP endpoint given as the script's argument; link that call to its voice
 * request and answer with one variable, so the call waits for a single AGI command:
 * {@code DATAIVR_LINK = "<session id>:<queue>"} (the dialplan splits it), or, when the call is
 * refused, {@code DATAIVR_ERROR = <error code>} and no DATAIVR_LINK. The dialplan asks for this
 * answer with a second argument, {@code link}; a dialplan that does not (an older extensions.conf)
 * gets the variables it expects, set one by one.
 */
final class VoiceLinkScript implements AgiScript {

    static final String LINK = "DATAIVR_LINK";
    static final String ERROR = "DATAIVR_ERROR";

    private static final Logger log = LoggerFactory.getLogger(VoiceLinkScript.class);

    /** Told of each call linked to a voice request, as soon as it is: its channel is followed from then on. */
    interface LinkedCalls {
        void linked(String uniqueId, String channel, String queue);
    }

    private final VoiceCallService calls;
    private final LinkedCalls linkedCalls;

    VoiceLinkScript(VoiceCallService calls, LinkedCalls linkedCalls) {
        this.calls = calls;
        this.linkedCalls = linkedCalls;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        String requestId = request.getExtension();
        MDC.put("callId", request.getUniqueId());
        try {
            if (!answersWithLink(request)) {
                serviceOldDialplan(request, channel);
                return;
            }
            VoiceRequest linked = calls.claim(requestId, ChannelId.of(request.getUniqueId()), endpointOf(request));
            linkedCalls.linked(request.getUniqueId(), request.getChannel(), linked.queue());
            channel.setVariable(LINK, linkValue(linked)); // the call goes on to the queue now
            log.info("call {} linked to voice request {} of session {}", request.getUniqueId(), linked.id(),
                    linked.sessionId());
        } catch (UnknownVoiceRequest | DeviceNotAuthorized e) {
            log.info("call {} refused: {}", request.getUniqueId(), e.getMessage());
            channel.setVariable(ERROR, e.code());
        } finally {
            MDC.remove("callId");
        }
    }

    /**
     * A dialplan from before the one-variable answer ({@code AGI(…/voice-link)} without arguments, e.g.
     * an admin's copy not updated yet): answered as it expects, with four AGI commands.
     */
    private void serviceOldDialplan(AgiRequest request, AgiChannel channel) throws AgiException {
        log.warn("call {}: the dialplan calls voice-link without arguments (an old extensions.conf): answered the"
                + " old, slower way; update it from dialplan/extensions.conf", request.getUniqueId());
        try {
            String endpoint = channel.getFullVariable("${CHANNEL(endpoint)}");
            VoiceRequest linked = calls.link(request.getExtension(), ChannelId.of(request.getUniqueId()),
                    endpoint == null || endpoint.isBlank() ? null : endpoint);
            linkedCalls.linked(request.getUniqueId(), request.getChannel(), linked.queue());
            channel.setVariable("__DATAIVR_SESSION", linked.sessionId().toString());
            channel.setVariable("__DATAIVR_REQUEST", linked.id());
            channel.setVariable("DATAIVR_QUEUE", linked.queue());
        } catch (UnknownVoiceRequest | DeviceNotAuthorized e) {
            log.info("call {} refused: {}", request.getUniqueId(), e.getMessage());
            channel.setVariable("DATAIVR_QUEUE", "");
            channel.setVariable(ERROR, e.code());
        }
    }

    /** The dialplan asks for the one-variable answer: {@code AGI(…/voice-link,${CHANNEL(endpoint)},link)}. */
    static boolean answersWithLink(AgiRequest request) {
        String[] arguments = request.getArguments();
        return arguments != null && arguments.length >= 2 && "link".equals(arguments[1]);
    }

    /** What the dialplan splits with CUT(DATAIVR_LINK,:,1) and (…,2): queue names have no ':'. */
    static String linkValue(VoiceRequest linked) {
        return linked.sessionId() + ":" + linked.queue();
    }

    /** The caller's PJSIP endpoint: the dialplan passes ${CHANNEL(endpoint)}, empty for non-PJSIP channels. */
    static String endpointOf(AgiRequest request) {
        String[] arguments = request.getArguments();
        if (arguments == null || arguments.length == 0 || arguments[0] == null || arguments[0].isBlank()) {
            return null;
        }
        return arguments[0].strip();
    }
}
