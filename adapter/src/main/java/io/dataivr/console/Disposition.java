package io.dataivr.console;

import java.time.Instant;

/**
 * The outcome of a queue call an agent records after it: a configured code (dataivr.agent.dispositions),
 * a free note (may be empty), who recorded it (the signed-in user: the agent, or the admin) and when.
 */
public record Disposition(String code, String note, String by, Instant at) {
}
