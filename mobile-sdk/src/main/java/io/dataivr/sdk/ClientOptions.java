package io.dataivr.sdk;

import io.dataivr.sdk.sip.SipPhone;
import java.time.Duration;

/** How a {@link DataIvrClient} connects and reconnects. Mutable builder-style settings. */
public final class ClientOptions {

    String acceptLanguage;
    boolean reconnect = true;
    Duration initialBackoff = Duration.ofMillis(250);
    Duration maxBackoff = Duration.ofSeconds(10);
    int maxAttempts = 10;
    Duration pingInterval = Duration.ofSeconds(20);
    Duration connectTimeout = Duration.ofSeconds(5);
    SipPhone sipPhone;
    Duration hangupSettle = Duration.ofSeconds(2);

    /** The Accept-Language header of the WebSocket handshake (used when consult names no language). */
    public ClientOptions acceptLanguage(String header) {
        this.acceptLanguage = header;
        return this;
    }

    /** Whether a dropped connection is reopened and the session resumed (default true). */
    public ClientOptions reconnect(boolean enabled) {
        this.reconnect = enabled;
        return this;
    }

    /** Waits before reconnect attempts: initial, doubled each attempt up to max, ±20 % jitter. */
    public ClientOptions backoff(Duration initial, Duration max) {
        this.initialBackoff = initial;
        this.maxBackoff = max;
        return this;
    }

    /** Attempts before the client gives up and reports onClosed (default 10). */
    public ClientOptions maxAttempts(int attempts) {
        this.maxAttempts = attempts;
        return this;
    }

    public ClientOptions pingInterval(Duration interval) {
        this.pingInterval = interval;
        return this;
    }

    /**
     * The app's SIP phone, which registers the session's device account: {@link DataIvrClient#end()}
     * then has it drop the account before the session ends (the server revokes it at the end).
     */
    public ClientOptions sipPhone(SipPhone phone) {
        this.sipPhone = phone;
        return this;
    }

    /**
     * How long a {@code hangup} may go unanswered before it counts as accepted (default 2 s): the server
     * answers a refused hangup with an error and an accepted one with nothing, so requests made meanwhile
     * wait until it is settled (refused, the call's {@code ended} came, or this time passed).
     */
    public ClientOptions hangupSettle(Duration settle) {
        this.hangupSettle = settle;
        return this;
    }

    public ClientOptions connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    long backoffMillis(int attempt, double random) {
        long base = initialBackoff.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        long capped = Math.min(maxBackoff.toMillis(), base);
        return Math.max(1, Math.round(capped * (0.8 + 0.4 * random)));
    }
}
