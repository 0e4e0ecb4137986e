package io.dataivr.session;

import io.dataivr.agent.QueueCallEvent;
import io.dataivr.agent.QueueCallListener;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice side of sessions (steps 6-7): issues voice requests, links the SIP call that Asterisk
 * reports back to its session, and follows the call through the queue to its end.
 */
public class VoiceCallService implements QueueCallListener {

    private static final Logger log = LoggerFactory.getLogger(VoiceCallService.class);
    private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final SessionRegistry registry;
    private final SessionStore store;
    private final SessionNotifier notifier;
    private final SessionProperties properties;
    private final DeviceAccountService devices;
    private final SessionActivityListener activity;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, VoiceRequest> pending = new ConcurrentHashMap<>();
    private final Map<String, VoiceRequest> byCallerChannel = new ConcurrentHashMap<>();

    public VoiceCallService(SessionRegistry registry, SessionStore store, SessionNotifier notifier,
            SessionProperties properties, DeviceAccountService devices, SessionActivityListener activity,
            Clock clock) {
        this.registry = registry;
        this.store = store;
        this.notifier = notifier;
        this.properties = properties;
        this.devices = devices;
        this.activity = activity;
        this.clock = clock;
    }

    ChoiceOutcome.VoiceRequested request(ConsultationSession session, String queue, String itemPath) {
        SipAccount account = devices.accountFor(session.id());
        VoiceRequest request = new VoiceRequest(newRequestId(), session.id(), queue, itemPath, clock.instant());
        store.voiceRequested(request);
        pending.put(request.id(), request);
        change(request, new CallState.Requested(request));
        log.info("session {} asked for an agent of queue {}: voice request {}", session.id(), queue, request.id());
        return new ChoiceOutcome.VoiceRequested(request, properties.dialUriFor(request.id()), account);
    }

    /**
     * Called from the dialplan (FastAGI) when the app's call arrives from the SIP account
     * {@code callerEndpoint}: returns the request it belongs to. A device account may only use
     * the requests of its own session, and only while it is live.
     */
    public VoiceRequest link(String requestId, String callerChannelId, String callerEndpoint) {
        VoiceRequest request = pending.get(requestId);
        if (request == null || registry.find(request.sessionId()).isEmpty()) {
            throw new UnknownVoiceRequest(requestId);
        }
        if (!devices.mayCall(callerEndpoint, request.sessionId())) {
            throw new DeviceNotAuthorized(callerEndpoint, requestId);
        }
        if (!pending.remove(requestId, request)) {
            throw new UnknownVoiceRequest(requestId);
        }
        byCallerChannel.put(callerChannelId, request);
        store.callLinked(request.id(), callerChannelId, callerEndpoint);
        change(request, new CallState.Queued(request, callerChannelId, 0));
        return request;
    }

    public Optional<VoiceRequest> requestOfChannel(String callerChannelId) {
        return Optional.ofNullable(byCallerChannel.get(callerChannelId));
    }

    @Override
    public void on(QueueCallEvent event) {
        VoiceRequest request = byCallerChannel.get(event.callerChannelId());
        if (request == null) {
            log.debug("queue event for a call not made through DataIVR: {}", event);
            return;
        }
        if (event instanceof QueueCallEvent.CallerJoined e) {
            change(request, new CallState.Queued(request, e.callerChannelId(), e.position()));
        } else if (event instanceof QueueCallEvent.AgentRinging e) {
            store.callRinging(request.id(), e.agent(), clock.instant());
            change(request, new CallState.Ringing(request, e.callerChannelId(), e.agent()));
        } else if (event instanceof QueueCallEvent.AgentDidNotAnswer e) {
            change(request, new CallState.Queued(request, e.callerChannelId(), 1));
        } else if (event instanceof QueueCallEvent.AgentAnswered e) {
            store.callAnswered(request.id(), e.agent(), clock.instant());
            change(request, new CallState.Talking(request, e.callerChannelId(), e.agent()));
        } else if (event instanceof QueueCallEvent.AgentHungUp e) {
            finish(request, e.callerChannelId(), "completed by " + e.hungUpBy());
        } else if (event instanceof QueueCallEvent.CallerAbandoned e) {
            finish(request, e.callerChannelId(), "abandoned");
        }
    }

    private void finish(VoiceRequest request, String callerChannelId, String outcome) {
        byCallerChannel.remove(callerChannelId);
        store.callEnded(request.id(), outcome, clock.instant());
        change(request, new CallState.NoCall());
        log.info("voice request {} ended: {}", request.id(), outcome);
    }

    private void change(VoiceRequest request, CallState state) {
        if (registry.updateIfOpen(request.sessionId(), s -> s.with(state))) {
            notifier.callChanged(request.sessionId(), state);
            registry.find(request.sessionId()).ifPresent(session -> activity.callChanged(session, state));
        }
    }

    private String newRequestId() {
        StringBuilder id = new StringBuilder("vr-");
        for (int i = 0; i < 16; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }
}
