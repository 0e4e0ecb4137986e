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
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
    /** Links stored before the request (null: every request opens its own). */
    private final LinksAhead ahead;

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
        this.ahead = properties.linksAheadOn() ? new LinksAhead(links, this::newRequestId,
                id -> registry.find(id).isPresent(), LinksAhead.REFILL_AFTER) : null;
    }

    /**
     * The session got its device account {@code endpoint}: its requests to {@code queues} will find their link
     * already in Asterisk ({@link LinksAhead}). Returns at once.
     */
    void prepare(UUID sessionId, Collection<String> queues, String endpoint) {
        if (ahead != null && endpoint != null && !queues.isEmpty()) {
            ahead.prepare(sessionId, queues, endpoint);
        }
    }

    /** The session ended: its links stored ahead go. */
    void sessionEnded(UUID sessionId) {
        if (ahead != null) {
            ahead.drop(sessionId);
        }
    }

    /** The session asks for an agent of {@code queue}: the app is pushed {@code call requested}. */
    ChoiceOutcome.VoiceRequested request(ConsultationSession session, String queue, String itemPath) {
        SipAccount account = devices == null ? null : devices.accountFor(session.id());
        String endpoint = account == null ? null : account.username();
        VoiceRequest request = withLinkAhead(session.id(), queue, endpoint, itemPath);
        if (request == null) {
            request = new VoiceRequest(newRequestId(), session.id(), queue, itemPath, clock.instant());
            // Pending before the link exists: a sweep of stale links (VoiceLinks) keeps the links of pending requests.
            pending.put(request.id(), request);
            try {
                links.open(request.id(), session.id(), queue, endpoint);
            } catch (RuntimeException e) {
                pending.remove(request.id());
                throw e;
            }
        }
        store.voiceRequested(request);
        store.movedTo(session.id(), session.path()); // where a restart restores the session (SessionStore)
        transitions.apply(session.id(), null, new CallEvent.Requested(request));
        log.info("session {} asked for an agent of queue {}: voice request {}", session.id(), queue, request.id());
        return new ChoiceOutcome.VoiceRequested(request, properties.dialUriFor(request.id()), account);
    }

    /** A pending request on the session's link stored ahead for this queue and account, or null if it has none. */
    private VoiceRequest withLinkAhead(UUID sessionId, String queue, String endpoint, String itemPath) {
        LinksAhead.Link link = ahead == null || endpoint == null ? null : ahead.ready(sessionId, queue, endpoint);
        if (link == null) {
            return null;
        }
        VoiceRequest request = new VoiceRequest(link.id(), sessionId, queue, itemPath, clock.instant());
        pending.put(request.id(), request); // before the link leaves the links ahead: the sweep keeps it throughout
        if (!ahead.take(sessionId, link)) {
            pending.remove(request.id(), request);
            return null;
        }
        return request;
    }

    /**
     * The app's call from the SIP account {@code callerEndpoint} takes the request: a device account
     * may only use the requests of its own session, and only while it is live; each request once.
     */
    VoiceRequest claim(String requestId, ChannelId callerChannelId, String callerEndpoint) {
        VoiceRequest request = pending.get(requestId);
        if (request == null && ahead != null) {
            ahead.taken(requestId); // a link stored ahead, dialled before any request: gone from Asterisk now
        }
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
        if (ahead == null) {
            return Set.copyOf(pending.keySet());
        }
        // The links ahead first: a request taking one is pending before it leaves them, so it is in one read or
        // the other.
        Set<String> open = new HashSet<>(ahead.ids());
        open.addAll(pending.keySet());
        return open;
    }

    /**
     * Whether this adapter made the request: open, or claimed or cancelled within {@link #REMEMBERED} (a call
     * on the link of a request it never made is another adapter's, or from before this one started).
     */
    boolean issued(String requestId) {
        return pending.containsKey(requestId) || closed.getIfPresent(requestId) != null
                || ahead != null && ahead.holds(requestId);
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
