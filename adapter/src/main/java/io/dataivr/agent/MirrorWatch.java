package io.dataivr.agent;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Checks now and then that Redis still holds the mirror (restart, flush, eviction) and has it rebuilt. */
final class MirrorWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MirrorWatch.class);

    private final FifoReconciler reconciler;
    private final AgentProperties properties;
    private final ScheduledExecutorService executor;
    private volatile ScheduledFuture<?> task;

    MirrorWatch(FifoReconciler reconciler, AgentProperties properties, ScheduledExecutorService executor) {
        this.reconciler = reconciler;
        this.properties = properties;
        this.executor = executor;
    }

    @Override
    public void start() {
        long every = Math.max(100, properties.mirrorCheckInterval().toMillis());
        task = executor.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            reconciler.repairMirror();
        } catch (RuntimeException e) {
            log.debug("mirror check failed (retrying): {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        ScheduledFuture<?> current = task;
        if (current != null) {
            current.cancel(false);
        }
        task = null;
    }

    @Override
    public boolean isRunning() {
        return task != null;
    }
}
