package io.dataivr.session;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The open sessions of this adapter; each update of one session is atomic. */
public class SessionRegistry {

    private final Map<UUID, ConsultationSession> open = new ConcurrentHashMap<>();

    public void put(ConsultationSession session) {
        open.put(session.id(), session);
    }

    public Optional<ConsultationSession> find(UUID id) {
        return Optional.ofNullable(open.get(id));
    }

    public ConsultationSession get(UUID id) {
        return find(id).orElseThrow(() -> new NoSuchSession(id));
    }

    public ConsultationSession update(UUID id, UnaryOperator<ConsultationSession> change) {
        ConsultationSession updated = open.computeIfPresent(id, (key, session) -> change.apply(session));
        if (updated == null) {
            throw new NoSuchSession(id);
        }
        return updated;
    }

    /** Updates the session if it is still open; returns whether it was. */
    public boolean updateIfOpen(UUID id, UnaryOperator<ConsultationSession> change) {
        return open.computeIfPresent(id, (key, session) -> change.apply(session)) != null;
    }

    public ConsultationSession remove(UUID id) {
        ConsultationSession removed = open.remove(id);
        if (removed == null) {
            throw new NoSuchSession(id);
        }
        return removed;
    }

    /** The ids of the open sessions, as of now. */
    public Set<UUID> ids() {
        return Set.copyOf(open.keySet());
    }

    public int size() {
        return open.size();
    }
}
