package io.dataivr.session.call;

import io.dataivr.session.CallEvent;
import io.dataivr.session.CallEventNotAllowed;
import io.dataivr.session.CallState;
import io.dataivr.session.CallStateMachine;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.SessionActivityListener;
import io.dataivr.session.SessionNotifier;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.VoiceRequest;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a session's call with {@link CallStateMachine} and tells the others: the app gets the new
 * state as a {@code call} message (unless its message is the one it already had: a call linked but
 * not queued yet is still {@code requested}; a queued call whose place and estimate did not move), the
 * agent screens get every change, and each transition is logged at INFO.
 */
final class CallTransitions {

    private static final Logger log = LoggerFactory.getLogger(CallTransitions.class);

    private final SessionRegistry registry;
    private final SessionNotifier notifier;
    private final SessionActivityListener activity;

    CallTransitions(SessionRegistry registry, SessionNotifier notifier, SessionActivityListener activity) {
        this.registry = registry;
        this.notifier = notifier;
        this.activity = activity;
    }

    /**
     * Applies {@code event} to the session's call when that call is {@code request}'s (any call when
     * {@code request} is null). Returns the state it led to; empty when the session is gone, its call is
     * another request's, or (for an end) the call has already ended.
     *
     * @throws CallEventNotAllowed when the event cannot happen in the call's state
     */
    Optional<CallState> apply(UUID sessionId, VoiceRequest request, CallEvent event) {
        CallState[] change = new CallState[2];
        registry.updateIfOpen(sessionId, session -> {
            CallState before = session.call();
            if (request != null && !isOf(before, request)) {
                return session;
            }
            if (event instanceof CallEvent.Ended && before instanceof CallState.Ended) {
                return session; // ended by the adapter first (the session's end), Asterisk's end follows
            }
            change[0] = before;
            change[1] = CallStateMachine.next(before, event);
            return session.with(change[1]);
        });
        CallState before = change[0];
        CallState after = change[1];
        if (after == null) {
            return Optional.empty();
        }
        if (!after.equals(before)) {
            log.info("session {}: call {} {} -> {} on {}", sessionId, idOf(after), before.name(), after.name(),
                    event.name());
        }
        if (sendsNewMessage(before, after)) {
            notifier.callChanged(sessionId, after);
        }
        if (!after.equals(before)) {
            registry.find(sessionId).ifPresent(session -> activity.callChanged(session, after));
        }
        return Optional.of(after);
    }

    /** The session's call if it is {@code request}'s, else null (the session is gone, or has another call). */
    CallState stateOf(VoiceRequest request) {
        return registry.find(request.sessionId()).map(ConsultationSession::call).filter(c -> isOf(c, request))
                .orElse(null);
    }

    /** Whether the app's {@code call} message for {@code after} differs from the one it had for {@code before}. */
    static boolean sendsNewMessage(CallState before, CallState after) {
        if (before instanceof CallState.Requested && after instanceof CallState.Requested) {
            return false; // linked: still waiting to join the queue
        }
        return !after.equals(before);
    }

    private static boolean isOf(CallState state, VoiceRequest request) {
        VoiceRequest of = state.request();
        return of != null && of.id().equals(request.id());
    }

    private static String idOf(CallState state) {
        VoiceRequest request = state.request();
        return request == null ? "-" : request.id();
    }
}
