package io.dataivr.session.record;

import io.dataivr.session.SessionStore;
import java.util.Optional;
import java.util.UUID;

/** Reads what {@link SessionStore} wrote about a session. */
public interface SessionRecords {

    Optional<SessionRecord> find(UUID sessionId);
}
