package io.dataivr.session.call;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dataivr.call.CallOutcome;
import io.dataivr.call.ChannelId;
import io.dataivr.call.VoiceLinks;
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
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voice requests (step 6): made when a voice item is chosen, with a one-time link the dialplan checks
 * itself ({@link VoiceLinks}); claimed by the app's SIP call once the dialplan took the link (once, from
 * the session's own device account), or cancelled before that (the link is then closed).
 */
final class VoiceRequests {

    private static final Logger log = LoggerFactory.getLogger(VoiceRequests.class);
    /** How long a claimed or cancelled request is remembered as this adapter's ({@link #issued}). */
    static final Duration REMEMBERED = Duration.ofMinutes(2);
    private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final SessionRegistry registry;
    private final SessionStore store;
    private final SessionProperties properties;
    private final DeviceAccountService devices;
    private final CallTransitions transitions;
    private final Clock clock;
    private final VoiceLinks links;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, VoiceRequest> pending = new ConcurrentHashMap<>();
    /**
     * Requests claimed or cancelled lately: a late call on their link is still this adapter's. Each is
     * forgotten {@link #REMEMBERED} after (the cache's own expiry: no scan of them all at every claim).
     */
    private final Cache<String, Boolean> closed;

    /** @param devices the devices' own SIP accounts (null: only static accounts, in unit tests) */
    VoiceRequests(SessionRegistry registry, SessionStore store, SessionProperties properties,
            DeviceAccountService devices, CallTransitions transitions, Clock clock, VoiceLinks links) {
        this.registry = registry;
        this.store = store;
        this.properties = properties;
        this.devices = devices;
        this.transitions = transitions;
        this.clock = clock;
        this.links = links;
        this.closed = Caffeine.newBuilder().expireAfterWrite(REMEMBERED)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    /** The session asks for an agent of {@code queue}: the app is pushed {@code call requested}. */
    ChoiceOutcome.VoiceRequested request(ConsultationSession session, String queue, String itemPath) {
        SipAccount account = devices == null ? null : devices.accountFor(session.id());
        VoiceRequest request = new VoiceRequest(newRequestId(), session.id(), queue, itemPath, clock.instant());
        // Pending before the link exists: a sweep of stale links (VoiceLinks) keeps the links of pending requests.
        pending.put(request.id(), request);
        try {
            links.open(request.id(), session.id(), queue, account == null ? null : account.username());
        } catch (RuntimeException e) {
            pending.remove(request.id());
            throw e;
        }
        store.voiceRequested(request);
        store.movedTo(session.id(), session.path()); // where a restart restores the session (SessionStore)
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
        remember(requestId);
        store.callLinked(request.id(), callerChannelId, callerEndpoint);
        return request;
    }

    /** A request not claimed yet is given up: true if it was still open (no call can take it now). */
    boolean cancel(VoiceRequest request) {
        if (pending.remove(request.id()) == null) {
            return false;
        }
        remember(request.id());
        try {
            links.close(request.id());
        } catch (RuntimeException e) {
            // Asterisk away: the link stays until the next sweep of stale links; no call can claim the request.
            log.info("voice request {}: its link could not be closed now ({})", request.id(), e.getMessage());
        }
        store.callEnded(request.id(), CallOutcome.CANCELLED, clock.instant());
        return true;
    }

    /** The request's call was found in Asterisk after a restart: it is no longer open. */
    void forget(VoiceRequest request) {
        pending.remove(request.id());
    }

    /** The requests whose link may still be dialled (the sweep of stale links keeps theirs). */
    Set<String> open() {
        return Set.copyOf(pending.keySet());
    }

    /**
     * Whether this adapter made the request: open, or claimed or cancelled within {@link #REMEMBERED} (a call
     * on the link of a request it never made is another adapter's, or from before this one started).
     */
    boolean issued(String requestId) {
        return pending.containsKey(requestId) || closed.getIfPresent(requestId) != null;
    }

    private void remember(String requestId) {
        closed.put(requestId, Boolean.TRUE);
    }

    /** The queue of a request still open, if it is. */
    Optional<String> queueOf(String requestId) {
        return Optional.ofNullable(pending.get(requestId)).map(VoiceRequest::queue);
    }

    private String newRequestId() {
        StringBuilder id = new StringBuilder("vr-");
        for (int i = 0; i < 16; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }
}
