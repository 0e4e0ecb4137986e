package io.dataivr.session;

import java.util.UUID;

/** Pushes what happens to a session's call to the customer's app, over whatever channel it is connected by. */
public interface SessionNotifier {
    void callChanged(UUID sessionId, CallState state);
}
