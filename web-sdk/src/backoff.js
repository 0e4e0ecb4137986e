/**
 * Reconnect delays (docs/protocol.md, "Resume"): 250 ms doubling to 10 s, ±20 % jitter, 10 attempts.
 */
export const DEFAULT_BACKOFF = Object.freeze({
  initialBackoffMs: 250,
  maxBackoffMs: 10_000,
  maxAttempts: 10,
});

/**
 * The wait before reconnect attempt `attempt` (1, 2, …): initial × 2^(attempt-1), capped at max,
 * times a jitter factor in [0.8, 1.2) drawn from `random` (a number in [0, 1)). Never below 1 ms.
 * @param {number} attempt
 * @param {{initialBackoffMs: number, maxBackoffMs: number}} settings
 * @param {number} random
 */
export function backoffDelay(attempt, settings, random) {
  const exponent = Math.min(30, Math.max(0, attempt - 1));
  const capped = Math.min(settings.maxBackoffMs, settings.initialBackoffMs * 2 ** exponent);
  return Math.max(1, Math.round(capped * (0.8 + 0.4 * random)));
}
