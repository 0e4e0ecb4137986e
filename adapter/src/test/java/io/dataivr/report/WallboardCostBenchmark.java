package io.dataivr.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.agent.AgentFeature;
import io.dataivr.agent.AgentProperties;
import io.dataivr.api.WallboardView;
import io.dataivr.call.ChannelId;
import io.dataivr.call.HungUpBy;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.fixtures.FakeQueueMembership;
import io.dataivr.fixtures.InMemoryIdleAgentMirror;
import io.dataivr.session.device.DeviceKind;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's measure: what the wallboard costs the adapter with 200 agents and 100 waiting callers, as CPU per
 * second of this process, against the same load with nobody watching. The load is the adapter's own, made
 * in-process (no Asterisk, no database): 200 agents logged in to two queues (100 each) through the real agent
 * state machine, 100 callers waiting (50 per queue), and every second 10 calls answered by the FIFO's head (a
 * new caller joining for each) and 10 calls ended, each as the queue call events the gateway hands the
 * listeners; today's figures computed from 2,000 calls. Watched: {@code WATCHERS} listeners encoding every frame
 * to JSON as the socket handler does (the socket writes themselves are not counted). Phases alternate
 * (off, on, off, on) to cancel drift. Not part of the suite: bench/wallboard-cost.sh runs it.
 */
class WallboardCostBenchmark {

    static final int SECONDS = Integer.getInteger("dataivr.wallboard-cost.seconds", 15);
    static final int WATCHERS = Integer.getInteger("dataivr.wallboard-cost.watchers", 5);
    static final int AGENTS = 200;
    static final int WAITING = 100;
    static final int CALLS_PER_SECOND = 10;
    private static final List<String> QUEUES = List.of("support", "sales");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A watcher that encodes each frame as the socket handler does. */
    static final class Encoder implements WallboardListener {
        volatile boolean on;
        final AtomicLong frames = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        @Override
        public void changed(Wallboard board, List<String> queues, boolean sessions) {
            try {
                bytes.addAndGet(JSON.writeValueAsString(WallboardView.update(board, queues)).length());
                frames.incrementAndGet();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean watching() {
            return on;
        }
    }

    private final Clock clock = Clock.systemUTC();
    private final AgentFeature agents = AgentFeature.over(new FakeQueueMembership(), new InMemoryIdleAgentMirror(),
            (agent, from, to, reason) -> { }, AgentProperties.defaults(), (delay, task) -> task.run(), clock);
    private final List<CallRecord> day = day();
    private final CallReportStore store = new CallReportStore() {
        @Override
        public List<CallRecord> calls(ReportDay d) {
            return day;
        }

        @Override
        public SessionCounts sessions(ReportDay d) {
            return new SessionCounts(5000, 4900, 4000);
        }
    };
    private final WallboardService wallboard = WallboardService.over(agents.service(),
            new CallOrigins(id -> DeviceKind.SIP), QUEUES, store, ReportProperties.defaults(), clock,
            Executors.newSingleThreadScheduledExecutor());
    private final List<Encoder> watchers = new ArrayList<>();
    private final List<Deque<ChannelId>> waiting = List.of(new ArrayDeque<>(), new ArrayDeque<>());
    private final Deque<QueueCallEvent.AgentAnswered> talking = new ArrayDeque<>();
    private long nextChannel;

    @Test
    void theWallboardsCpuPerSecondWithTwoHundredAgentsAndAHundredWaitingCallers() throws Exception {
        agents.service().subscribe(wallboard);
        for (int i = 0; i < WATCHERS; i++) {
            Encoder watcher = new Encoder();
            watchers.add(watcher);
            wallboard.subscribe(watcher);
        }
        for (int i = 1; i <= AGENTS; i++) {
            agents.service().login("bench" + i, QUEUES.get(i % 2));
        }
        for (int i = 0; i < WAITING; i++) {
            join(i % 2);
        }
        run(Duration.ofSeconds(3), false); // warm-up
        run(Duration.ofSeconds(3), true);
        double[] off = new double[2];
        double[] on = new double[2];
        long frames = 0;
        long bytes = 0;
        for (int round = 0; round < 2; round++) {
            off[round] = run(Duration.ofSeconds(SECONDS), false);
            long f0 = watchers.get(0).frames.get();
            long b0 = watchers.get(0).bytes.get();
            on[round] = run(Duration.ofSeconds(SECONDS), true);
            frames += watchers.get(0).frames.get() - f0;
            bytes += watchers.get(0).bytes.get() - b0;
        }
        double offMs = (off[0] + off[1]) / 2;
        double onMs = (on[0] + on[1]) / 2;
        System.out.println(String.format(Locale.ROOT, "wallboard-cost: %d agents, %d waiting, %d calls/s answered and"
                + " ended; CPU ms per second of the process: without the wallboard %.1f (%.1f, %.1f), with %d watchers"
                + " %.1f (%.1f, %.1f): the wallboard %.1f ms/s = %.2f %% of one core; %.1f frames/s of %.1f KiB",
                AGENTS, WAITING, CALLS_PER_SECOND, offMs, off[0], off[1], WATCHERS, onMs, on[0], on[1], onMs - offMs,
                (onMs - offMs) / 10.0, frames / (2.0 * SECONDS), bytes / Math.max(1.0, frames) / 1024));
        wallboard.close();
    }

    /** Runs the load for {@code length} with the watchers on or off; returns the process's CPU ms per second. */
    private double run(Duration length, boolean watched) throws InterruptedException {
        watchers.forEach(w -> w.on = watched);
        if (watched) {
            wallboard.watchersChanged();
        }
        long cpu0 = cpuNanos();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long step = 1_000_000_000L / (2 * CALLS_PER_SECOND);
        long next = start;
        int turn = 0;
        while (next < end) {
            if (turn++ % 2 == 0) {
                answerOne(turn / 2 % 2);
            } else {
                endOne();
            }
            next += step;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(sleep);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return (cpuNanos() - cpu0) / 1e6 / seconds;
    }

    private void answerOne(int q) {
        String queue = QUEUES.get(q);
        List<String> fifo = agents.service().idleAgents(queue);
        ChannelId caller = waiting.get(q).poll();
        if (fifo.isEmpty() || caller == null) {
            return;
        }
        String agent = fifo.get(0);
        tell(new QueueCallEvent.AgentRinging(queue, caller, agent));
        QueueCallEvent.AgentAnswered answered = new QueueCallEvent.AgentAnswered(queue, caller, agent);
        tell(answered);
        tell(new QueueCallEvent.CallerLeft(queue, caller, 1));
        talking.add(answered);
        join(q);
    }

    private void endOne() {
        QueueCallEvent.AgentAnswered call = talking.poll();
        if (call != null) {
            tell(new QueueCallEvent.AgentHungUp(call.queue(), call.callerChannelId(), call.agent(), HungUpBy.CALLER));
            tell(new QueueCallEvent.CallerHungUp(call.queue(), call.callerChannelId()));
        }
    }

    private void join(int q) {
        ChannelId caller = ChannelId.of("bench." + nextChannel++);
        waiting.get(q).add(caller);
        tell(new QueueCallEvent.CallerJoined(QUEUES.get(q), caller, waiting.get(q).size()));
    }

    /** As the gateway does: the FIFO's rules first, then the listeners behind it. */
    private void tell(QueueCallEvent event) {
        agents.rules().on(event);
        wallboard.on(event);
    }

    private static long cpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    private static List<CallRecord> day() {
        List<CallRecord> calls = new ArrayList<>();
        Instant start = Instant.now().minus(Duration.ofHours(8));
        for (int i = 0; i < 2000; i++) {
            Instant at = start.plusSeconds(i * 14L);
            calls.add(new CallRecord("vr-" + i, UUID.randomUUID(), "client-" + i, QUEUES.get(i % 2), CallOrigin.APP, at,
                    at.plusSeconds(5), at.plusSeconds(8 + i % 30), at.plusSeconds(200), "bench" + (i % 200 + 1),
                    "completed by caller"));
        }
        return calls;
    }
}
