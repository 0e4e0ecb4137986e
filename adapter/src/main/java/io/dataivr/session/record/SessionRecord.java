package io.dataivr.session.record;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything the customer-service database holds about one consultation session: the session, the
 * service items chosen (steps 4-5), the contents delivered (claim 2), the voice calls (steps 6-7)
 * and the end record (step 8, absent while the session is open).
 */
public record SessionRecord(UUID id, String menuId, int menuVersion, String language, String clientRef,
        Instant startedAt, Instant endedAt, String endReason, List<ItemChosen> items,
        List<ContentDelivered> deliveries, List<VoiceCall> calls, End end) {

    public SessionRecord {
        items = List.copyOf(items);
        deliveries = List.copyOf(deliveries);
        calls = List.copyOf(calls);
    }

    public record ItemChosen(int seq, String itemPath, String kind, Instant chosenAt, boolean duringCall) {
    }

    public record ContentDelivered(String itemPath, String language, int chars, Instant deliveredAt) {
    }

    /** {@code disposition} and the rest: what the agent recorded after the call (null until it does). */
    public record VoiceCall(String request, String queue, Instant requestedAt, String agent, Instant ringingAt,
            Instant answeredAt, Instant endedAt, String outcome, String disposition, String dispositionNote,
            String disposedBy, Instant disposedAt) {
    }

    public record End(Instant endedAt, String reason, int itemsChosen, int contentsSent, int voiceCalls) {
    }
}
