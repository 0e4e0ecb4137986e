package io.dataivr.session;

import io.dataivr.agent.QueueCallEvent;
import io.dataivr.agent.QueueCallListener;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
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
    /** When each followed call was linked, in link order (see {@link #closeGone}). */
    private final Map<String, Long> linkOrder = new ConcurrentHashMap<>();
    private final AtomicLong links = new AtomicLong();
    private final QueueWaitTracker waits = new QueueWaitTracker();
    /** Sessions restored after a restart without their app: they end when their call does. */
    private final Set<UUID> restored = ConcurrentHashMap.newKeySet();
    private volatile java.util.function.Consumer<UUID> restoredCallEnded = sessionId -> { };
    private final CallControl control;
    private final ToIntFunction<String> servingAgents;

    public VoiceCallService(SessionRegistry registry, SessionStore store, SessionNotifier notifier,
            SessionProperties properties, Clock clock) {
        this(registry, store, notifier, properties, null, SessionActivityListener.all(List.of()), clock,
                channel -> { }, queue -> 1);
    }

    /**
     * @param devices       the devices' own SIP accounts (null: only static accounts, in unit tests)
     * @param activity      told of every call change (e.g. the agent's screen)
     * @param control       hangs up a customer's call in Asterisk (the customer gave up)
     * @param servingAgents how many agents serve a queue (for the estimated wait)
     */
    public VoiceCallService(SessionRegistry registry, SessionStore store, SessionNotifier notifier,
            SessionProperties properties, DeviceAccountService devices, SessionActivityListener activity,
            Clock clock, CallControl control, ToIntFunction<String> servingAgents) {
        this.registry = registry;
        this.store = store;
        this.notifier = notifier;
        this.properties = properties;
        this.devices = devices;
        this.activity = activity;
        this.clock = clock;
        this.control = control;
        this.servingAgents = servingAgents;
    }

    ChoiceOutcome.VoiceRequested request(ConsultationSession session, String queue, String itemPath) {
        SipAccount account = devices == null ? null : devices.accountFor(session.id());
        VoiceRequest request = new VoiceRequest(newRequestId(), session.id(), queue, itemPath, clock.instant());
        store.voiceRequested(request);
        store.movedTo(session.id(), session.path()); // where a restart restores the session (SessionStore)
        pending.put(request.id(), request);
        // The app learns of the request from the answer to its choice (the voice message), not from a call message.
        CallState requested = new CallState.Requested(request);
        ConsultationSession updated = registry.update(session.id(), s -> s.with(requested));
        activity.callChanged(updated, requested);
        log.info("session {} asked for an agent of queue {}: voice request {}", session.id(), queue, request.id());
        return new ChoiceOutcome.VoiceRequested(request, properties.dialUriFor(request.id()), account);
    }

    /**
     * Called from the dialplan (FastAGI) when the app's call arrives from the SIP account
     * {@code callerEndpoint}: returns the request it belongs to. A device account may only use
     * the requests of its own session, and only while it is live.
     */
    public VoiceRequest link(String requestId, String callerChannelId, String callerEndpoint) {
        VoiceRequest request = claim(requestId, callerChannelId, callerEndpoint);
        announceLinked(request, callerChannelId);
        return request;
    }

    /**
     * {@link #link} without telling anyone yet: the call is the request's (queue events for it are followed
     * from now on), and the session's state is queued. The dialplan can have its answer at once; then
     * {@link #announceLinked} tells the app and the agent screens, off the call's path.
     */
    public VoiceRequest claim(String requestId, String callerChannelId, String callerEndpoint) {
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
        byCallerChannel.put(callerChannelId, request);
        linkOrder.put(callerChannelId, links.incrementAndGet());
        store.callLinked(request.id(), callerChannelId, callerEndpoint);
        registry.updateIfOpen(request.sessionId(), s -> s.with(new CallState.Queued(request, callerChannelId, 0)));
        return request;
    }

    /**
     * Tells the app and the agent screens that a {@link #claim claimed} call reached Asterisk, unless a
     * queue event followed in between (the caller joined the line, an agent rings): that event has told
     * them a later state already, which this must not overwrite. Under the same lock as the queue events.
     */
    public synchronized void announceLinked(VoiceRequest request, String callerChannelId) {
        registry.find(request.sessionId()).ifPresent(session -> {
            if (session.call() instanceof CallState.Queued queued && queued.position() == 0
                    && callerChannelId.equals(queued.callerChannelId())) {
                notifier.callChanged(request.sessionId(), queued);
                activity.callChanged(session, queued);
            }
        });
    }

    /**
     * The customer gives up (or ends the call from the app): a call not dialled yet is cancelled; a
     * call in Asterisk is hung up there, and its end comes back as the queue's events.
     */
    public void hangUp(UUID sessionId) {
        CallState call = registry.get(sessionId).call();
        if (call instanceof CallState.Requested r) {
            if (pending.remove(r.request().id()) != null) {
                store.callEnded(r.request().id(), "cancelled", clock.instant());
                change(r.request(), new CallState.NoCall());
                log.info("voice request {} cancelled before the call reached Asterisk", r.request().id());
            }
            return;
        }
        String channel = callerChannelOf(call);
        if (channel == null) {
            throw new NoCallToHangUp();
        }
        log.info("session {} hangs up its call {}", sessionId, channel);
        control.hangUp(channel);
    }

    private static String callerChannelOf(CallState call) {
        if (call instanceof CallState.Queued q) {
            return q.callerChannelId();
        }
        if (call instanceof CallState.Ringing r) {
            return r.callerChannelId();
        }
        if (call instanceof CallState.Talking t) {
            return t.callerChannelId();
        }
        return null;
    }

    @Override
    public synchronized void on(QueueCallEvent event) {
        boolean lineMoved = trackWaiting(event);
        VoiceRequest request = event.callerChannelId() == null ? null : byCallerChannel.get(event.callerChannelId());
        if (request == null) {
            log.debug("queue event for a call not made through DataIVR: {}", event);
        } else {
            follow(request, event);
        }
        if (lineMoved) {
            pushPositions(event.queue(), event.callerChannelId());
        }
    }

    /** Keeps the order of waiting callers; true when the others' positions may have changed. */
    private boolean trackWaiting(QueueCallEvent event) {
        if (event instanceof QueueCallEvent.CallerJoined e) {
            waits.joined(e.queue(), e.callerChannelId(), e.position());
            return false;
        }
        if (event instanceof QueueCallEvent.CallerLeft || event instanceof QueueCallEvent.CallerAbandoned
                || event instanceof QueueCallEvent.CallerHungUp) {
            waits.left(event.queue(), event.callerChannelId());
            return true;
        }
        if (event instanceof QueueCallEvent.AgentAnswered) {
            waits.talkStarted(event.callerChannelId(), clock.instant());
        } else if (event instanceof QueueCallEvent.AgentHungUp) {
            waits.talkEnded(event.queue(), event.callerChannelId(), clock.instant());
        }
        return false;
    }

    /**
     * Tells every DataIVR caller still waiting in the queue (other than {@code except}) where it stands now,
     * if that changed: a caller ahead left, or the estimate moved. Callers whose place and estimate stay
     * the same get nothing (with many callers arriving at once, a push to each on every departure would
     * be a message per pair of callers).
     */
    private void pushPositions(String queue, String except) {
        for (String channel : waits.waitingIn(queue)) {
            VoiceRequest other = byCallerChannel.get(channel);
            if (other == null || channel.equals(except)) {
                continue;
            }
            CallState current = registry.find(other.sessionId()).map(ConsultationSession::call).orElse(null);
            if (current instanceof CallState.Queued) {
                CallState.Queued now = queued(other, queue, channel);
                if (!now.equals(current)) {
                    change(other, now);
                }
            }
        }
    }

    private boolean isTalking(VoiceRequest request) {
        return registry.find(request.sessionId()).map(s -> s.call() instanceof CallState.Talking).orElse(false);
    }

    private CallState.Queued queued(VoiceRequest request, String queue, String channel) {
        int position = waits.position(queue, channel).orElse(0);
        return new CallState.Queued(request, channel, position,
                waits.estimatedWaitSeconds(queue, position, servingAgents.applyAsInt(queue)));
    }

    private void follow(VoiceRequest request, QueueCallEvent event) {
        if (event instanceof QueueCallEvent.CallerJoined e) {
            change(request, queued(request, e.queue(), e.callerChannelId()));
        } else if (event instanceof QueueCallEvent.AgentRinging e) {
            store.callRinging(request.id(), e.agent(), clock.instant());
            change(request, new CallState.Ringing(request, e.callerChannelId(), e.agent()));
        } else if (event instanceof QueueCallEvent.AgentDidNotAnswer e) {
            change(request, queued(request, e.queue(), e.callerChannelId()));
        } else if (event instanceof QueueCallEvent.AgentAnswered e) {
            store.callAnswered(request.id(), e.agent(), clock.instant());
            change(request, new CallState.Talking(request, e.callerChannelId(), e.agent()));
        } else if (event instanceof QueueCallEvent.AgentHungUp e) {
            finish(request, e.callerChannelId(), "completed by " + e.hungUpBy());
        } else if (event instanceof QueueCallEvent.CallerAbandoned e) {
            finish(request, e.callerChannelId(), "abandoned");
        } else if (event instanceof QueueCallEvent.CallerHungUp e) {
            // The caller's Hangup may reach us before app_queue's AgentComplete: an answered call is still completed.
            finish(request, e.callerChannelId(), isTalking(request) ? "completed by caller" : "caller hung up");
        }
    }

    private void finish(VoiceRequest request, String callerChannelId, String outcome) {
        if (byCallerChannel.remove(callerChannelId) == null) {
            return;
        }
        linkOrder.remove(callerChannelId);
        store.callEnded(request.id(), outcome, clock.instant());
        change(request, new CallState.NoCall());
        log.info("voice request {} ended: {}", request.id(), outcome);
        if (restored.remove(request.sessionId())) {
            restoredCallEnded.accept(request.sessionId());
        }
    }

    /**
     * What this service follows as a read of Asterisk's channels begins: the calls linked so far and the
     * callers it knows to wait in a queue. Pass it to {@link #closeGone} with the channels read.
     */
    public record Followed(long lastLink, Set<String> waiting) {
    }

    public synchronized Followed followed() {
        return new Followed(links.get(), waits.allWaiting());
    }

    /**
     * After a time in which the adapter got no events from Asterisk (its AMI connection dropped, or
     * Asterisk restarted): every call followed since before {@code before} whose caller channel is not
     * among {@code channels} (the Uniqueids Asterisk holds, read after {@code before}) ended unseen. It
     * is ended now with {@code outcome}, as if its end had been seen: its record closed, its app and the
     * agent screens told, its session back at the menu. Callers that left a queue unseen no longer count
     * for the others' positions, and the callers still waiting are told their new place. Calls linked
     * after {@code before} are left alone: the read may have missed them. Returns the calls ended.
     */
    public synchronized int closeGone(Followed before, Set<String> channels, String outcome) {
        Set<String> queues = new HashSet<>();
        for (String channel : before.waiting()) {
            if (!channels.contains(channel)) {
                queues.addAll(waits.forget(channel));
            }
        }
        int closed = 0;
        for (Map.Entry<String, VoiceRequest> call : List.copyOf(byCallerChannel.entrySet())) {
            Long linked = linkOrder.get(call.getKey());
            if (linked != null && linked <= before.lastLink() && !channels.contains(call.getKey())) {
                queues.addAll(waits.forget(call.getKey()));
                finish(call.getValue(), call.getKey(), outcome);
                closed++;
            }
        }
        queues.forEach(queue -> pushPositions(queue, null));
        return closed;
    }

    /** Whether the customer's channel is a call this service follows. */
    boolean follows(String callerChannelId) {
        return byCallerChannel.containsKey(callerChannelId);
    }

    /**
     * After a restart: the call found in Asterisk belongs to {@code request} again and is followed to its
     * end. {@code headless}: its session was restored without its app and ends when the call does.
     */
    synchronized void relink(RecoveredCall call, String callerChannelId, CallState state, boolean headless) {
        VoiceRequest request = call.request();
        if (byCallerChannel.putIfAbsent(callerChannelId, request) != null) {
            return;
        }
        linkOrder.put(callerChannelId, links.incrementAndGet());
        pending.remove(request.id());
        if (!callerChannelId.equals(call.callerChannelId())) {
            store.callLinked(request.id(), callerChannelId, null);
        }
        if (state instanceof CallState.Talking talking && call.answeredAt() == null) {
            store.callAnswered(request.id(), talking.agent(), clock.instant());
        }
        if (headless) {
            restored.add(request.sessionId());
        }
        change(request, state);
        log.info("call {} of session {} linked again to voice request {} ({})", callerChannelId,
                request.sessionId(), request.id(), state.name());
    }

    /** The app of a restored session is back: the session no longer ends when its call does. */
    void appReturned(UUID sessionId) {
        if (restored.remove(sessionId)) {
            log.info("session {} restored after a restart has its app again", sessionId);
        }
    }

    /** What to do when the call of a session restored without its app ends (end the session). */
    void whenRestoredCallEnds(java.util.function.Consumer<UUID> action) {
        this.restoredCallEnded = action;
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
