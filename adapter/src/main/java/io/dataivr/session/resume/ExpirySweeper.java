package io.dataivr.session.resume;

import io.dataivr.session.ExpiredSessions;
import io.dataivr.session.consult.ConnectionlessSessions;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code interval}, on a daemon thread: ends the WebSocket sessions past their resume grace
 * ({@link SessionResumption#expireOverdue()}) and the REST sessions idle too long
 * ({@link ConnectionlessSessions#expireIdle()}), and forgets old expired sessions.
 */
class ExpirySweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "session-expiry");
        thread.setDaemon(true);
        return thread;
    });

    ExpirySweeper(SessionResumption resumption, ConnectionlessSessions connectionless, ExpiredSessions expired,
            Duration interval) {
        long millis = Math.max(10, interval.toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            run("sessions past their resume grace", resumption::expireOverdue);
            run("idle REST sessions", connectionless::expireIdle);
            run("old expired sessions", expired::forgetOld);
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    private static void run(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("expiring {} failed: {}", what, e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
