package io.dataivr.session;

import java.util.List;
import java.util.UUID;

/**
 * Told what a session does as it happens, for features that show it elsewhere (e.g. the agent's
 * screen). Called on the thread that made the change; implementations return quickly.
 */
public interface SessionActivityListener {

    /** The customer chose an item; {@code session} is the state after the choice. */
    default void chose(ConsultationSession session, BrowsingStep step) {
    }

    /** The customer went back up a level. */
    default void movedBack(ConsultationSession session) {
    }

    default void callChanged(ConsultationSession session, CallState state) {
    }

    default void ended(UUID sessionId) {
    }

    /** One listener that tells each of {@code listeners} in turn. */
    static SessionActivityListener all(List<SessionActivityListener> listeners) {
        List<SessionActivityListener> copy = List.copyOf(listeners);
        return new SessionActivityListener() {
            @Override
            public void chose(ConsultationSession session, BrowsingStep step) {
                copy.forEach(l -> l.chose(session, step));
            }

            @Override
            public void movedBack(ConsultationSession session) {
                copy.forEach(l -> l.movedBack(session));
            }

            @Override
            public void callChanged(ConsultationSession session, CallState state) {
                copy.forEach(l -> l.callChanged(session, state));
            }

            @Override
            public void ended(UUID sessionId) {
                copy.forEach(l -> l.ended(sessionId));
            }
        };
    }
}
