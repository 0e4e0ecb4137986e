package io.dataivr.session;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link SessionResumption#expireOverdue()} every {@code interval} on a daemon thread. */
class ExpirySweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "session-expiry");
        thread.setDaemon(true);
        return thread;
    });

    ExpirySweeper(SessionResumption resumption, SessionTokens tokens, Duration interval) {
        long millis = Math.max(10, interval.toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                resumption.expireOverdue();
                tokens.purgeExpired();
            } catch (RuntimeException e) {
                log.warn("expiring sessions failed: {}", e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
