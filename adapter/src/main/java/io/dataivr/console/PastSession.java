package io.dataivr.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An earlier session as the console shows it: what the caller looked at with the labels of each step in
 * every language of the menu version they used (the console picks its own UI language).
 */
public record PastSession(UUID session, String menu, int version, String language, Instant startedAt,
        Instant endedAt, List<Step> items, List<EarlierSession.Call> calls) {

    public PastSession {
        items = List.copyOf(items);
        calls = List.copyOf(calls);
    }

    /** {@code labels}: language to the labels from the top to the item; keys where the menu has no such item. */
    public record Step(String item, String kind, Instant at, boolean duringCall, Map<String, List<String>> labels) {
    }
}
