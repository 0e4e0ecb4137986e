package io.dataivr.session;

import java.time.Instant;
import java.util.UUID;

/** A customer's request for an agent: the app dials {@code id} and the dialplan links the call back to it. */
public record VoiceRequest(String id, UUID sessionId, String queue, String itemPath, Instant requestedAt) {
}
