package io.dataivr.session.call;

import io.dataivr.call.CallOutcome;
import io.dataivr.call.ChannelId;
import io.dataivr.session.CallEvent;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.SessionProperties;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.SessionStore;
import io.dataivr.session.VoiceRequest;
import io.dataivr.session.device.DeviceAccountService;
import io.dataivr.session.device.SipAccount;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voice requests (step 6): made when a voice item is chosen, claimed by the app's SIP call when the
 * dialplan links it (once, from the session's own device account), or cancelled before that.
 */
final class VoiceRequests {

    private static final Logger log = LoggerFactory.getLogger(VoiceRequests.class);
    private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final SessionRegistry registry;
    private final SessionStore store;
    private final SessionProperties properties;
    private final DeviceAccountService devices;
    private final CallTransitions transitions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, VoiceRequest> pending = new ConcurrentHashMap<>();

    /** @param devices the devices' own SIP accounts (null: only static accounts, in unit tests) */
    VoiceRequests(SessionRegistry registry, SessionStore store, SessionProperties properties,
            DeviceAccountService devices, CallTransitions transitions, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.properties = properties;
        this.devices = devices;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** The session asks for an agent of {@code queue}: the app is pushed {@code call requested}. */
    ChoiceOutcome.VoiceRequested request(ConsultationSession session, String queue, String itemPath) {
        SipAccount account = devices == null ? null : devices.accountFor(session.id());
        VoiceRequest request = new VoiceRequest(newRequestId(), session.id(), queue, itemPath, clock.instant());
        store.voiceRequested(request);
        store.movedTo(session.id(), session.path()); // where a restart restores the session (SessionStore)
        pending.put(request.id(), request);
        transitions.apply(session.id(), null, new CallEvent.Requested(request));
        log.info("session {} asked for an agent of queue {}: voice request {}", session.id(), queue, request.id());
        return new ChoiceOutcome.VoiceRequested(request, properties.dialUriFor(request.id()), account);
    }

    /**
     * The app's call from the SIP account {@code callerEndpoint} takes the request: a device account
     * may only use the requests of its own session, and only while it is live; each request once.
     */
    VoiceRequest claim(String requestId, ChannelId callerChannelId, String callerEndpoint) {
        VoiceRequest request = pending.get(requestId);
        if (request == null || registry.find(request.sessionId()).isEmpty()) {
            throw new UnknownVoiceRequest(requestId);
        }
        if (devices != null && !devices.mayCall(callerEndpoint, request.sessionId())) {
            throw new DeviceNotAuthorized(callerEndpoint, requestId);
        }
        if (!pending.remove(requestId, request)) {
            throw new UnknownVoiceRequest(requestId);
        }
        store.callLinked(request.id(), callerChannelId, callerEndpoint);
        return request;
    }

    /** A request not claimed yet is given up: true if it was still open (no call can take it now). */
    boolean cancel(VoiceRequest request) {
        if (pending.remove(request.id()) == null) {
            return false;
        }
        store.callEnded(request.id(), CallOutcome.CANCELLED, clock.instant());
        return true;
    }

    /** The request's call was found in Asterisk after a restart: it is no longer open. */
    void forget(VoiceRequest request) {
        pending.remove(request.id());
    }

    private String newRequestId() {
        StringBuilder id = new StringBuilder("vr-");
        for (int i = 0; i < 16; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }
}
