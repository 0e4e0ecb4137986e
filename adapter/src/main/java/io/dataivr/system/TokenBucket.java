package io.dataivr.system;

import java.time.Clock;

/** A token bucket: {@code ratePerSecond} refills, at most {@code burst} saved up. Thread-safe. */
public final class TokenBucket {

    private final double ratePerNano;
    private final double burst;
    private final Clock clock;
    private double tokens;
    private long lastNanos;

    public TokenBucket(double ratePerSecond, int burst, Clock clock) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.lastNanos = nanos();
    }

    /** Takes one token if there is one; returns whether it did. */
    public synchronized boolean tryTake() {
        long now = nanos();
        tokens = Math.min(burst, tokens + Math.max(0, now - lastNanos) * ratePerNano);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    private long nanos() {
        java.time.Instant instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
