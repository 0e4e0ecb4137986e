package io.dataivr.report;

import io.dataivr.call.CallOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One voice call of a DataIVR session as its record keeps it ({@code voice_call}): the wallboard's figures and
 * the CSV export are made of these. Times are null until they happen; {@code outcome} is the stored text of a
 * {@link CallOutcome} (null while the call lasts).
 */
public record CallRecord(String id, UUID sessionId, String clientRef, String queue, CallOrigin origin,
        Instant requestedAt, Instant ringingAt, Instant answeredAt, Instant endedAt, String agent, String outcome,
        String disposition, String dispositionNote) {

    /** A call without a disposition recorded (yet): what the agent console's form adds after the call. */
    public CallRecord(String id, UUID sessionId, String clientRef, String queue, CallOrigin origin,
            Instant requestedAt, Instant ringingAt, Instant answeredAt, Instant endedAt, String agent, String outcome) {
        this(id, sessionId, clientRef, queue, origin, requestedAt, ringingAt, answeredAt, endedAt, agent, outcome,
                null, null);
    }

    /** Given up before it reached Asterisk: never offered to the queue. */
    public boolean cancelled() {
        return CallOutcome.CANCELLED.stored().equals(outcome);
    }

    public boolean answered() {
        return answeredAt != null;
    }

    /** The customer gave up (or hung up) before an agent answered. */
    public boolean abandoned() {
        return answeredAt == null && (CallOutcome.ABANDONED.stored().equals(outcome)
                || CallOutcome.CALLER_HUNG_UP.stored().equals(outcome));
    }

    /** Answered, or ended without an answer (not cancelled): the calls the service level is made of. */
    public boolean settled() {
        return !cancelled() && (answeredAt != null || endedAt != null);
    }

    /** From the request to the agent's answer, or to the end of a call never answered; null while it waits. */
    public Duration waited() {
        if (answeredAt != null) {
            return nonNegative(Duration.between(requestedAt, answeredAt));
        }
        return endedAt == null ? null : nonNegative(Duration.between(requestedAt, endedAt));
    }

    /** From the agent's answer to the end; null unless answered and ended. */
    public Duration handled() {
        return answeredAt == null || endedAt == null ? null : nonNegative(Duration.between(answeredAt, endedAt));
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
