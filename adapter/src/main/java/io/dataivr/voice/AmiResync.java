package io.dataivr.voice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.asteriskjava.manager.response.CoreStatusResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the features do when the AMI connection comes back: events during a gap are lost, so on every
 * (re)connect the calls in progress are recovered and then each queue resynchronised; when Asterisk
 * itself restarted (its start time changed, {@link AsteriskRestartWatch}) the calls it cut are closed
 * and the queues restored instead, once it is fully booted. The steps are the features' (registered
 * before the start); this class only runs them in order, each failure logged and the next step run.
 */
final class AmiResync {

    private static final Logger log = LoggerFactory.getLogger(AmiResync.class);

    private final AmiConnections ami;
    private final List<String> queues;
    private final AsteriskRestartWatch restarts = new AsteriskRestartWatch();
    private final List<Runnable> callRecoveries = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> resyncs = new CopyOnWriteArrayList<>();
    private final List<Runnable> restartRecoveries = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> restores = new CopyOnWriteArrayList<>();

    AmiResync(AmiConnections ami, List<String> queues) {
        this.ami = ami;
        this.queues = List.copyOf(queues);
    }

    void onConnected(Consumer<String> queueResync) {
        resyncs.add(queueResync);
    }

    void beforeQueueResync(Runnable recovery) {
        callRecoveries.add(recovery);
    }

    void onAsteriskRestarted(Consumer<String> queueRestore) {
        restores.add(queueRestore);
    }

    void beforeQueueRestore(Runnable recovery) {
        restartRecoveries.add(recovery);
    }

    /** On a (re)connect: the usual resynchronisation, or, when Asterisk restarted, the restore (once booted). */
    void connected() {
        AsteriskRestartWatch.Decision decision = restarts.connected(coreStartup());
        if (decision == AsteriskRestartWatch.Decision.RESTORE) {
            restore();
        } else if (decision == AsteriskRestartWatch.Decision.RESYNC) {
            resync();
        }
    }

    void disconnected() {
        restarts.disconnected();
    }

    /** FullyBooted: a restarted Asterisk that was not booted at the reconnect is restored now. */
    void fullyBooted() {
        if (restarts.fullyBooted() == AsteriskRestartWatch.Decision.RESTORE) {
            restore();
        }
    }

    /** One queue resynchronised (a queue change Asterisk refused or that was lost). */
    void resync(String queue) {
        resyncs.forEach(resync -> resync.accept(queue));
    }

    private void resync() {
        runAll(callRecoveries, "recover the calls in progress");
        for (String queue : queues) {
            try {
                resync(queue);
            } catch (RuntimeException e) {
                log.warn("could not resynchronise queue {}: {}", queue, e.getMessage());
            }
        }
    }

    private void restore() {
        runAll(restartRecoveries, "close the calls Asterisk's restart cut");
        for (String queue : queues) {
            try {
                restores.forEach(restore -> restore.accept(queue));
            } catch (RuntimeException e) {
                log.warn("could not restore queue {} after the Asterisk restart: {}", queue, e.getMessage());
            }
        }
    }

    private static void runAll(List<Runnable> recoveries, String what) {
        for (Runnable recovery : recoveries) {
            try {
                recovery.run();
            } catch (RuntimeException e) {
                log.warn("could not {}: {}", what, e.toString());
            }
        }
    }

    /** Asterisk's start time (CoreStatus), or null when it cannot be read now. */
    private String coreStartup() {
        try {
            ManagerResponse response = ami.send(new CoreStatusWithCallsAction(), "read Asterisk's start time");
            if (response instanceof CoreStatusResponse status && status.getCoreStartupTime() != null) {
                return status.getCoreStartupDate() + " " + status.getCoreStartupTime();
            }
        } catch (AsteriskUnavailable e) {
            log.debug("Asterisk's start time unknown: {}", e.getMessage());
        }
        return null;
    }
}
