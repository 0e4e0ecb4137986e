package io.dataivr.session.recovery;

import java.util.List;
import java.util.UUID;

/**
 * What a restarted adapter closed of what the old one left open: the voice calls (request ids) that
 * ended while no adapter ran, and the sessions of those calls it ended (their end records stored).
 */
public record ClosedWhileDown(List<String> calls, List<UUID> sessions) {

    public ClosedWhileDown {
        calls = List.copyOf(calls);
        sessions = List.copyOf(sessions);
    }
}
