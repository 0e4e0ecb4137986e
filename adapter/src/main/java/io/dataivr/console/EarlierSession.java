package io.dataivr.console;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One earlier consultation session of a caller as stored: when, which menu, the items chosen and the
 * voice calls it made (with the outcome an agent recorded).
 */
public record EarlierSession(UUID id, String menuId, int menuVersion, String language, Instant startedAt,
        Instant endedAt, List<Item> items, List<Call> calls) {

    public EarlierSession {
        items = List.copyOf(items);
        calls = List.copyOf(calls);
    }

    /** An item chosen: its keys from the root joined by '/', its kind, when, and whether during a call. */
    public record Item(String path, String kind, Instant at, boolean duringCall) {
    }

    /** A voice call of the session: the agent who took it (null if none) and the disposition recorded. */
    public record Call(String request, String queue, String agent, Instant answeredAt, String disposition,
            String dispositionNote) {
    }
}
