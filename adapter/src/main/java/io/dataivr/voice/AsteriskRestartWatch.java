package io.dataivr.voice;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an AMI reconnect to the same Asterisk from a reconnect to an Asterisk that restarted, by
 * Asterisk's start time (CoreStatus {@code CoreStartupDate}/{@code CoreStartupTime}), and holds a
 * restart's restore until Asterisk is fully booted (its queues loaded). Not thread-safe: the
 * gateway calls it from its one event thread.
 *
 * <pre>
 *  on (re)connect   start time unknown before, or unchanged -> RESYNC (Asterisk's members win),
 *                                                               or WAIT while a restore is pending
 *                   start time changed                       -> restore at once if FullyBooted was
 *                                                               seen on this connection, else WAIT
 *  on FullyBooted   a restore is waiting                     -> RESTORE
 * </pre>
 */
final class AsteriskRestartWatch {

    /** What the gateway does now. */
    enum Decision { RESYNC, RESTORE, WAIT, NOTHING }

    private static final Logger log = LoggerFactory.getLogger(AsteriskRestartWatch.class);

    private String startedAt;
    private boolean booted;
    private boolean restorePending;

    /** A (re)connect: {@code startup} is Asterisk's start time now, or null when it could not be read. */
    Decision connected(String startup) {
        boolean restarted = startedAt != null && startup != null && !Objects.equals(startedAt, startup);
        if (startup != null) {
            startedAt = startup;
        }
        if (!restarted) {
            // The gateway's second AMI session coming back after the restart was seen: the restore still waits.
            return restorePending ? Decision.WAIT : Decision.RESYNC;
        }
        log.info("Asterisk restarted (started at {} now); the agents it lost are added back", startup);
        if (booted) {
            return Decision.RESTORE;
        }
        restorePending = true;
        return Decision.WAIT;
    }

    /** Asterisk said FullyBooted on this connection. */
    Decision fullyBooted() {
        booted = true;
        if (restorePending) {
            restorePending = false;
            return Decision.RESTORE;
        }
        return Decision.NOTHING;
    }

    /** The connection was lost: the next FullyBooted belongs to the next connection. */
    void disconnected() {
        booted = false;
    }
}
