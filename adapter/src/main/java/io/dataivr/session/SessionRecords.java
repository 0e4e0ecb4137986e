package io.dataivr.session;

import java.util.Optional;
import java.util.UUID;

/** Reads what {@link SessionStore} wrote about a session. */
public interface SessionRecords {

    Optional<SessionRecord> find(UUID sessionId);
}
