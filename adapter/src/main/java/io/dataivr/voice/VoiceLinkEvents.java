package io.dataivr.voice;

import io.dataivr.call.ChannelId;
import io.dataivr.session.VoiceRequest;
import io.dataivr.session.call.DeviceNotAuthorized;
import io.dataivr.session.call.UnknownVoiceRequest;
import io.dataivr.session.call.VoiceCallService;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.asteriskjava.manager.event.VarSetEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The app's call took its one-time link in the dialplan (dialplan/extensions.conf, {@code _vr-.}: the link
 * was in Asterisk's database for that endpoint, and the dialplan deleted it), which then set
 * {@code DATAIVR_REQUEST} to the request's id: Asterisk's VarSet event for it (the only VarSet the event
 * session asks for) tells the adapter, which never sits in the call's way. On the event thread, the caller
 * is known at once (its channel name for a hang-up, and its Hangup told as the caller's even if it never
 * joins the queue); then, on the followers' thread, before the call's queue events, the request is claimed
 * (the call record, the session's call state). A claim refused (the request was cancelled or ended as the
 * app dialled, two calls raced for one link, a device account no longer live) hangs the call up, cause 21.
 * A link this adapter never made (another adapter's on the same Asterisk, or one from before it started:
 * see {@link AmiVoiceLinks} for how those are swept) is left alone.
 */
final class VoiceLinkEvents {

    /** The variable the dialplan sets once the link is taken ({@code MSet(…,DATAIVR_REQUEST=${EXTEN})}). */
    static final String VARIABLE = "DATAIVR_REQUEST";
    /** The same, inherited by the agent's leg: how a dialplan before 2026-12-06 set it. */
    static final String INHERITED_VARIABLE = "__DATAIVR_REQUEST";
    /** Q.850 cause 21, call rejected: what the dialplan uses for a refused link. */
    static final int CALL_REJECTED = 21;

    private static final Logger log = LoggerFactory.getLogger(VoiceLinkEvents.class);

    private final VoiceCallService calls;
    private final QueueCallerTracker callers;
    private final Executor behind;
    private final Consumer<String> reject;

    /** {@code reject}: hangs up a channel (by name) with {@link #CALL_REJECTED}. */
    VoiceLinkEvents(VoiceCallService calls, QueueCallerTracker callers, Executor behind, Consumer<String> reject) {
        this.calls = calls;
        this.callers = callers;
        this.behind = behind;
        this.reject = reject;
    }

    /** Whether this event says a call took its link: our variable, set on the calling leg (not an agent's). */
    static boolean isLinkTaken(VarSetEvent event) {
        return (VARIABLE.equals(event.getVariable()) || INHERITED_VARIABLE.equals(event.getVariable()))
                && event.getUniqueId() != null && event.getChannel() != null
                && event.getValue() != null && !event.getValue().isBlank()
                && (event.getExten() == null || event.getExten().equals(event.getValue()));
    }

    /** On the event thread: the call is known now; its claim follows on the followers' thread. */
    void taken(VarSetEvent event) {
        String uniqueId = event.getUniqueId();
        String channel = event.getChannel();
        String requestId = event.getValue();
        if (!calls.issuedHere(requestId)) {
            // Another adapter's link on this Asterisk (tests run two), or one from before this adapter started.
            log.debug("call {} took link {}, which this adapter did not make: left alone", uniqueId, requestId);
            return;
        }
        Optional<String> queue = calls.openLinkQueue(requestId);
        queue.ifPresent(q -> callers.know(uniqueId, channel, q, false));
        behind.execute(() -> claim(uniqueId, channel, requestId));
    }

    private void claim(String uniqueId, String channel, String requestId) {
        MDC.put("callId", uniqueId);
        try {
            VoiceRequest linked = calls.claim(requestId, ChannelId.of(uniqueId), endpointOf(channel));
            log.info("call {} linked to voice request {} of session {}", uniqueId, linked.id(), linked.sessionId());
        } catch (UnknownVoiceRequest | DeviceNotAuthorized e) {
            log.info("call {} refused after its link: {}", uniqueId, e.getMessage());
            try {
                reject.accept(channel);
            } catch (RuntimeException gone) {
                log.warn("refused call {} could not be hung up: {}", uniqueId, gone.getMessage());
            }
        } catch (RuntimeException e) {
            log.error("call {}: linking to voice request {} failed", uniqueId, requestId, e);
        } finally {
            MDC.remove("callId");
        }
    }

    /** The PJSIP endpoint of a channel name ({@code PJSIP/dev-ab12-0000001f}), or null for another channel. */
    static String endpointOf(String channel) {
        if (channel == null || !channel.startsWith("PJSIP/")) {
            return null;
        }
        int dash = channel.lastIndexOf('-');
        return dash <= "PJSIP/".length() ? null : channel.substring("PJSIP/".length(), dash);
    }
}
