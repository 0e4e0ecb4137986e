package io.dataivr.session.call;

import io.dataivr.call.CallControl;
import io.dataivr.call.CallOutcome;
import io.dataivr.call.ChannelId;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.call.QueueCallListener;
import io.dataivr.call.VoiceLinks;
import io.dataivr.session.CallEnd;
import io.dataivr.session.CallEvent;
import io.dataivr.session.CallEventNotAllowed;
import io.dataivr.session.CallState;
import io.dataivr.session.CallStateMachine;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.RecoveredCall;
import io.dataivr.session.SessionActivityListener;
import io.dataivr.session.SessionNotifier;
import io.dataivr.session.SessionProperties;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.SessionStore;
import io.dataivr.session.VoiceRequest;
import io.dataivr.session.device.DeviceAccountService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice side of sessions (steps 6-7), as the other features and the voice edge see it: voice
 * requests ({@link VoiceRequests}: request with its one-time link, claim, cancel), the call follower ({@link CallFollower},
 * driven by {@link CallStateMachine}) and queue positions ({@link QueuePositions}). The {@code call}
 * messages the app gets are the state machine's transitions ({@link CallTransitions}).
 */
public class VoiceCallService implements QueueCallListener {

    private static final Logger log = LoggerFactory.getLogger(VoiceCallService.class);

    private final SessionRegistry registry;
    private final SessionStore store;
    private final Clock clock;
    private final CallControl control;
    private final CallTransitions transitions;
    private final VoiceRequests requests;
    private final CallFollower follower;
    /**
     * Held while a request's call is claimed and while a session ending cancels its request or finds its call:
     * the two exclude each other. Not the follower's own lock, which it holds while it handles queue events.
     */
    private final Object claims = new Object();

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
        this(registry, store, notifier, properties, devices, activity, clock, control, servingAgents, VoiceLinks.NONE);
    }

    /** @param links the one-time links the dialplan checks (Asterisk's database) */
    public VoiceCallService(SessionRegistry registry, SessionStore store, SessionNotifier notifier,
            SessionProperties properties, DeviceAccountService devices, SessionActivityListener activity,
            Clock clock, CallControl control, ToIntFunction<String> servingAgents, VoiceLinks links) {
        this.registry = registry;
        this.store = store;
        this.clock = clock;
        this.control = control;
        this.transitions = new CallTransitions(registry, notifier, activity);
        this.requests = new VoiceRequests(registry, store, properties, devices, transitions, clock, links);
        this.follower = new CallFollower(store, transitions, new QueuePositions(servingAgents, clock), clock);
    }

    public ChoiceOutcome.VoiceRequested request(ConsultationSession session, String queue, String itemPath) {
        return requests.request(session, queue, itemPath);
    }

    /**
     * The app's call from the SIP account {@code callerEndpoint} (null: not a PJSIP channel) took the link
     * of {@code requestId} in the dialplan: returns the request it belongs to, whose call is followed from
     * now on (still {@code requested} for the app until it joins the queue). A device account may only use
     * the requests of its own session, and only while it is live; each request once: otherwise
     * {@link UnknownVoiceRequest} or {@link DeviceNotAuthorized}, and the call must be hung up.
     */
    public VoiceRequest claim(String requestId, ChannelId callerChannelId, String callerEndpoint) {
        synchronized (claims) {
            VoiceRequest request = requests.claim(requestId, callerChannelId, callerEndpoint);
            follower.linked(request, callerChannelId);
            return request;
        }
    }

    /** The requests whose one-time link may still be dialled. */
    public Set<String> openLinks() {
        return requests.open();
    }

    /** Whether this adapter made the request (open, or claimed or cancelled lately): its calls are ours to judge. */
    public boolean issuedHere(String requestId) {
        return requests.issued(requestId);
    }

    /** The queue of a request whose link is still open (not claimed, not cancelled), if it is. */
    public Optional<String> openLinkQueue(String requestId) {
        return requests.queueOf(requestId);
    }

    /**
     * The customer gives up (or ends the call from the app): a call not dialled yet is cancelled; a
     * call in Asterisk is hung up there, and its end comes back as the queue's events.
     */
    public void hangUp(UUID sessionId) {
        hangUp(sessionId, null);
    }

    /** {@link #hangUp(UUID)}, telling the app {@code cause} as the call's end (null: what Asterisk reports). */
    public void hangUp(UUID sessionId, CallEnd cause) {
        CallState call = registry.get(sessionId).call();
        if (call instanceof CallState.Requested r && r.callerChannelId() == null) {
            if (requests.cancel(r.request())) {
                end(r.request(), cause != null ? cause : CallEnd.of(CallEnd.By.CUSTOMER, CallEnd.Reason.CANCELLED));
                log.info("voice request {} cancelled before the call reached Asterisk", r.request().id());
                return;
            }
            call = registry.get(sessionId).call(); // claimed meanwhile: hang up the call it has now
        }
        ChannelId channel = call.callerChannelId();
        if (channel == null) {
            throw new NoCallToHangUp();
        }
        log.info("session {} hangs up its call {}", sessionId, channel);
        follower.hangingUp(channel, cause);
        control.hangUp(channel);
    }

    /**
     * The session ends ({@code by} the customer or the system) during its call: the app is told
     * {@code call ended} now, before its {@code ended}, and the call is hung up in Asterisk (whose
     * events then close the call record and free the agent).
     */
    public void sessionEnding(UUID sessionId, CallEnd.By by) {
        CallState call = registry.find(sessionId).map(ConsultationSession::call).orElse(null);
        if (call == null || !call.active()) {
            return;
        }
        VoiceRequest request = call.request();
        CallEnd cause = CallEnd.of(by, CallEnd.Reason.SESSION_ENDED);
        ChannelId channel;
        synchronized (claims) { // not while the request's call is being claimed
            boolean cancelled = requests.cancel(request);
            end(request, cause);
            channel = cancelled ? null : follower.channelOf(request);
        }
        if (channel != null) {
            log.info("session {} ends during its call {}: hanging it up", sessionId, channel);
            follower.hangingUp(channel, cause);
            control.hangUp(channel);
        }
    }

    private void end(VoiceRequest request, CallEnd cause) {
        try {
            transitions.apply(request.sessionId(), request, new CallEvent.Ended(cause));
        } catch (CallEventNotAllowed e) {
            log.debug("voice request {}: already ended", request.id());
        }
    }

    @Override
    public void on(QueueCallEvent event) {
        follower.on(event);
    }

    /**
     * What this service follows as a read of Asterisk's channels begins: the calls linked so far and the
     * callers it knows to wait in a queue. Pass it to {@link #closeGone} with the channels read.
     */
    public record Followed(long lastLink, Set<ChannelId> waiting) {
    }

    public Followed followed() {
        return follower.followed();
    }

    /**
     * After a time in which the adapter got no events from Asterisk (its AMI connection dropped, or
     * Asterisk restarted): every call followed since before {@code before} whose caller channel is not
     * among {@code channels} (the channels Asterisk holds, read after {@code before}) ended unseen. It
     * is ended now with {@code outcome}, as if its end had been seen: its record closed, its app and the
     * agent screens told, its session back at the menu. Callers that left a queue unseen no longer count
     * for the others' positions, and the callers still waiting are told their new place. Calls linked
     * after {@code before} are left alone: the read may have missed them. Returns the calls ended.
     */
    public int closeGone(Followed before, Set<ChannelId> channels, CallOutcome outcome) {
        return follower.closeGone(before, channels, outcome);
    }

    /** Whether the customer's channel is a call this service follows. */
    public boolean follows(ChannelId callerChannelId) {
        return follower.follows(callerChannelId);
    }

    /**
     * After a restart: the call found in Asterisk belongs to {@code request} again and is followed to its
     * end. {@code headless}: its session was restored without its app and ends when the call does.
     */
    public void relink(RecoveredCall call, ChannelId callerChannelId, CallState state, boolean headless) {
        VoiceRequest request = call.request();
        if (follower.follows(callerChannelId)) {
            return;
        }
        requests.forget(request);
        if (!callerChannelId.equals(call.callerChannelId())) {
            store.callLinked(request.id(), callerChannelId, null);
        }
        if (state instanceof CallState.Talking talking && call.answeredAt() == null) {
            store.callAnswered(request.id(), talking.agent(), clock.instant());
        }
        if (follower.relink(request, callerChannelId, state, headless)) {
            log.info("call {} of session {} linked again to voice request {} ({})", callerChannelId,
                    request.sessionId(), request.id(), state.name());
        }
    }

    /** The app of a restored session is back: the session no longer ends when its call does. */
    public void appReturned(UUID sessionId) {
        if (follower.appReturned(sessionId)) {
            log.info("session {} restored after a restart has its app again", sessionId);
        }
    }

    /** What to do when the call of a session restored without its app ends (end the session). */
    public void whenRestoredCallEnds(Consumer<UUID> action) {
        follower.whenRestoredCallEnds(action);
    }
}
