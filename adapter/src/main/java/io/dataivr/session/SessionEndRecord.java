package io.dataivr.session;

import java.time.Instant;
import java.util.UUID;

/** Step 8: what a session used, stored when it ends. */
public record SessionEndRecord(UUID sessionId, Instant endedAt, String reason, int itemsChosen, int contentsSent,
        int voiceCalls) {
}
