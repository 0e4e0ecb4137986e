package io.dataivr.report;

import io.dataivr.agent.Agent;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.AgentStateListener;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.call.QueueCallListener;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's wallboard (issue 15 item 3): each queue's callers and agents live, and today's figures.
 * Changes (queue call events, agent transitions, sessions ending) are coalesced: listeners get at most one
 * {@link WallboardListener#changed} per {@code push-interval}, naming the queues that changed; today's figures
 * are read from the store only after a call or a session changed them, at most once per
 * {@code figures-interval}, and when the day changes. With no listener watching nothing is built or read.
 * All building runs on one scheduler thread (the {@code timer}).
 */
public class WallboardService implements QueueCallListener, AgentStateListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WallboardService.class);

    private final LiveQueues live;
    private final DayReports reports;
    private final ReportProperties properties;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final List<WallboardListener> listeners = new CopyOnWriteArrayList<>();
    private boolean pushPending;
    private boolean refreshPending;
    private long lastPush = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private long lastRefresh = lastPush;
    /** The board last pushed (written on the timer thread only). */
    private volatile Wallboard last;

    WallboardService(LiveQueues live, DayReports reports, ReportProperties properties, Clock clock,
            ScheduledExecutorService timer) {
        this.live = live;
        this.reports = reports;
        this.properties = properties;
        this.clock = clock;
        this.timer = timer;
    }

    /**
     * A wallboard over {@code agents} and the calls of {@code queues} (stored in {@code store}); its pushes and
     * reads run on {@code timer}. Subscribe it to the queue call events and the agents' transitions.
     */
    public static WallboardService over(AgentService agents, CallOrigins origins, List<String> queues,
            CallReportStore store, ReportProperties properties, Clock clock, ScheduledExecutorService timer) {
        WallboardService wallboard = new WallboardService(new LiveQueues(agents, origins, queues, clock),
                new DayReports(store, properties, queues, clock), properties, clock, timer);
        origins.whenSessionEnds(wallboard::sessionEnded);
        return wallboard;
    }

    /** The wallboard now, with today's figures read again if they changed. */
    public Wallboard snapshot() {
        return board(reports.current());
    }

    /** The calls of {@code day}, for the CSV export. */
    public List<CallRecord> calls(ReportDay day) {
        return reports.calls(day);
    }

    public ReportDay today() {
        return reports.today();
    }

    public ReportDay day(LocalDate date) {
        return reports.day(date);
    }

    public void subscribe(WallboardListener listener) {
        listeners.add(listener);
    }

    public void unsubscribe(WallboardListener listener) {
        listeners.remove(listener);
    }

    /** Someone started watching: their snapshot is sent by the caller; the next changes are pushed. */
    public void watchersChanged() {
        changed();
    }

    @Override
    public void on(QueueCallEvent event) {
        if (!live.queues().contains(event.queue())) {
            return;
        }
        boolean lineMoved = live.on(event);
        if (event instanceof QueueCallEvent.CallerJoined || event instanceof QueueCallEvent.AgentAnswered
                || event instanceof QueueCallEvent.CallerAbandoned || event instanceof QueueCallEvent.AgentHungUp
                || event instanceof QueueCallEvent.CallerHungUp) {
            figuresChanged(); // a call offered, answered, abandoned or ended
        }
        if (lineMoved) {
            changed();
        }
    }

    @Override
    public void changed(Agent before, Agent after, Instant since) {
        changed();
    }

    /** A session ended: today's containment moved. */
    void sessionEnded() {
        figuresChanged();
    }

    private boolean watching() {
        for (WallboardListener listener : listeners) {
            if (listener.watching()) {
                return true;
            }
        }
        return false;
    }

    /** Schedules one push, no sooner than push-interval after the last one. */
    private void changed() {
        if (!watching()) {
            return;
        }
        long delay;
        synchronized (this) {
            if (pushPending) {
                return;
            }
            pushPending = true;
            delay = Math.max(0, lastPush + properties.pushInterval().toNanos() - System.nanoTime());
        }
        schedule(this::push, delay);
    }

    /** Schedules one read of today's figures, no sooner than figures-interval after the last one. */
    private void figuresChanged() {
        reports.changed();
        if (!watching()) {
            return;
        }
        long delay;
        synchronized (this) {
            if (refreshPending) {
                return;
            }
            refreshPending = true;
            delay = Math.max(0, lastRefresh + properties.figuresInterval().toNanos() - System.nanoTime());
        }
        schedule(this::refresh, delay);
    }

    /** Run once a minute: a new day starts with new figures (nothing is read otherwise). */
    void dayCheck() {
        Wallboard shown = last;
        if (shown != null && !shown.day().equals(reports.today())) {
            figuresChanged();
        }
    }

    private void schedule(Runnable task, long delayNanos) {
        try {
            timer.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("wallboard update failed: {}", e.toString());
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("wallboard stopping: update dropped");
        }
    }

    private void refresh() {
        synchronized (this) {
            refreshPending = false;
            lastRefresh = System.nanoTime();
        }
        reports.current();
        changed();
    }

    private void push() {
        synchronized (this) {
            pushPending = false;
            lastPush = System.nanoTime();
        }
        Wallboard now = board(reports.cached());
        List<String> queues = new ArrayList<>();
        for (Wallboard.QueueBoard queue : now.queues()) {
            if (last == null || !Objects.equals(queue, last.queue(queue.queue()))) {
                queues.add(queue.queue());
            }
        }
        boolean sessions = last == null || !now.sessions().equals(last.sessions()) || !now.day().equals(last.day());
        last = now;
        if (!queues.isEmpty() || sessions) {
            listeners.forEach(listener -> listener.changed(now, queues, sessions));
        }
    }

    private Wallboard board(DayReport report) {
        return new Wallboard(clock.instant(), report.day(), properties.serviceLevelSeconds(), live.boards(report),
                report.sessions());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
