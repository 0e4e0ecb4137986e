package io.dataivr.voice;

import io.dataivr.fixtures.TestAmi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.agent.AgentFeature;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.FifoReconciler;
import io.dataivr.agent.IdleAgentMirror;
import io.dataivr.fixtures.AdapterProcess;
import io.dataivr.fixtures.QueueAdapterProcess;
import io.dataivr.fixtures.AsteriskAccounts;
import io.dataivr.fixtures.CustomerCalls;
import io.dataivr.fixtures.QueueMembers;
import io.dataivr.fixtures.RedisMonitor;
import io.dataivr.store.redis.RedisIdleAgentMirror;
import java.util.IntSummaryStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.FilterAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.QueueRemoveAction;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * 1,000 callers race for 10 agents on the real Asterisk; no agent is ever double-booked, and every
 * ring goes to the agent the FIFO says ({@link FifoModel}: the rule is in asterisk-config/README.md).
 * Prints hang-up → agent at the FIFO tail in Redis, timed from the AgentComplete's own timestamp to
 * Redis running the append ({@link RedisMonitor}; with the adapter in this JVM also to Lettuce's answer).
 *
 * <p>The agents are Local channels ({@code Local/raceN@dataivr-test-agents/n}: answer at once, talk
 * 0.05 s, hang up) in the test-only queue {@code race-test}, kept by the adapter's own
 * {@link AmiGateway} and {@link AgentService} (a second instance with that member interface, so the
 * shared adapter and its PJSIP agents are left alone): {@code QueueRemove} on AgentConnect,
 * {@code QueueAdd} at the tail on AgentComplete. The callers are AMI Originates into
 * {@code q-race-test} (at most 100 waiting at once). A second AMI connection watches the events: an
 * AgentConnect (or an AgentCalled) for an agent whose previous AgentConnect has no AgentComplete yet
 * is a double booking.
 *
 * <p>bench/voice-race.sh runs the same race with more agents, callers arriving at a set rate
 * ({@code dataivr.race.rate}), a warm-up race first ({@code dataivr.race.warmup}) and the adapter as
 * its own application in a JVM and session of its own ({@code dataivr.race.own-jvm}, as
 * {@code ./dataivr up} runs it, with adapter/jvm.options; agents logged in through its REST API).
 */
class QueueRaceIntegrationTests {

    static final String QUEUE = "race-test";
    // bench/voice-race.sh runs the same race with more agents (-Ddataivr.race.agents=100).
    static final int AGENTS = Integer.getInteger("dataivr.race.agents", 10);
    static final int CALLS = Integer.getInteger("dataivr.race.calls", 1_000);
    static final int WAITING = Integer.getInteger("dataivr.race.waiting", 100);
    /** Callers a second (0: as fast as agents free up, at most WAITING waiting); bench/voice-race.sh's 4th argument. */
    static final int RATE = Integer.getInteger("dataivr.race.rate", 0);
    /** The adapter as its own application in a JVM of its own (bench/voice-race.sh), or its classes in this JVM. */
    static final boolean OWN_JVM = Boolean.getBoolean("dataivr.race.own-jvm");
    /** Calls raced before the timed ones (bench/voice-race.sh's WARMUP), so that a warm adapter is timed. */
    static final int WARMUP = Integer.getInteger("dataivr.race.warmup", 0);
    static final String PREFIX = "dataivr-race-test:";
    static final String MEMBER_INTERFACE = "Local/{agent}@dataivr-test-agents/n";
    /** How late (by Asterisk's timestamps) a free agent passed over by a ring may be rung itself (FifoModel). */
    static final long REORDER_WINDOW_MS = Long.getLong("dataivr.race.reorder-window-ms", 250);
    /**
     * The own-JVM adapter records its side of each hang-up (dataivr.voice.event-timings) and the race
     * prints where the time went (bench/voice-race.sh with BREAKDOWN=1).
     */
    static final boolean BREAKDOWN = Boolean.getBoolean("dataivr.race.breakdown");

    @Test
    void aThousandCallersRacingForTenAgentsNeverBookAnAgentTwice() throws Exception {
        AsteriskAccounts.requireQueue(QUEUE);
        race();
    }

    private void race() throws Exception {
        Watch watch = new Watch();
        String redisUri = io.dataivr.fixtures.TestRedis.URI;
        ManagerConnection observer = TestAmi.factory()
                .createManagerConnection();
        observer.addEventListener(watch::on);
        observer.login();
        // The watch is the measuring instrument: it asks for the events it reads only, like the gateway.
        observer.sendAction(new FilterAction("^Event: (AgentCalled|AgentConnect|AgentComplete|AgentRingNoAnswer"
                + "|QueueMember[A-Za-z]*|OriginateResponse)[[:space:]]"), 5_000);
        QueueMembers.removeAll(observer, QUEUE);
        RedisMonitor monitor = RedisMonitor.start(redisUri, PREFIX + "idle:" + QUEUE);
        RaceAdapter adapter = OWN_JVM ? new AdapterInItsOwnJvm(observer) : new AdapterInThisJvm(redisUri);
        try {
            for (int i = 1; i <= AGENTS; i++) {
                adapter.login("race" + i);
            }
            // A login answers once Asterisk has carried it out: this other connection sees every agent at once.
            List<String> members = QueueMembers.names(observer, QUEUE);
            assertThat(members).hasSize(AGENTS);
            watch.fifo.start(members);
            adapter.resetTimings();
            monitor.reset();

            if (WARMUP > 0) {
                // A warm-up race first (not timed): a JVM that has just started runs the event path
                // interpreted, so the first waves of hang-ups queue for seconds; an adapter in service is
                // warm. The timing starts again with every agent idle.
                originate(observer, watch, WARMUP, RATE);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                        .until(() -> watch.completed.get() + watch.failed.get() >= WARMUP);
                // Every agent is idle again, in Asterisk's order, and the warm-up's FIFO writes have all reached
                // Redis (the count of single appends stops moving). A burst may have made the adapter rebuild
                // the mirror instead (a Redis command timed out): that is one multi-element RPUSH, so the appends
                // seen can be fewer than the calls completed.
                int[] seen = {-1};
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    assertThat(adapter.idleAgents()).hasSize(AGENTS);
                    assertThat(QueueMembers.names(observer, QUEUE)).containsExactlyElementsOf(adapter.idleAgents());
                    int now = monitor.count();
                    boolean settled = now == seen[0];
                    seen[0] = now;
                    assertThat(settled).as("FIFO appends still reaching Redis").isTrue();
                });
                if (monitor.count() < watch.completed.get()) {
                    System.out.printf("race: warm-up: %d single appends in Redis for %d completed calls (the adapter"
                            + " rebuilt the mirror after Redis commands timed out)%n", monitor.count(),
                            watch.completed.get());
                }
                if (watch.failed.get() > 0) {
                    System.out.printf("race: %d of the %d warm-up calls failed to originate%n", watch.failed.get(),
                            WARMUP);
                }
                watch.resetTimings();
                adapter.resetTimings();
                monitor.reset();
            }
            long start = System.nanoTime();
            originate(observer, watch, CALLS, RATE);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> watch.completed.get() + watch.failed.get() >= WARMUP + CALLS);
            double seconds = (System.nanoTime() - start) / 1e9;
            IntSummaryStatistics spread = watch.perAgent().values().stream().mapToInt(Integer::intValue)
                    .summaryStatistics();
            System.out.printf("race: %d calls over %d agents (at most %d waiting%s) in %.1f s (%.0f calls/s)%s: %d answered,"
                    + " %d failed, %d double bookings, calls per agent min %d max %d; adapter %s%n", CALLS, AGENTS,
                    WAITING, RATE > 0 ? ", arriving at " + RATE + " a second" : "", seconds, CALLS / seconds,
                    WARMUP > 0 ? " after " + WARMUP + " warm-up calls (not timed)" : "", watch.connected.get(),
                    watch.failed.get(), watch.violations.size(), spread.getMin(), spread.getMax(), adapter);
            // Redis's own clock: when it ran the append, against Asterisk's timestamp of the AgentComplete.
            Map<String, List<long[]>> hangUps = watch.hangUps();
            Map<String, List<Long>> pushes = monitor.pushes();
            List<Long> toRedis = new ArrayList<>();
            Map<Long, List<Long>> bySecond = new java.util.TreeMap<>();
            long first = hangUps.values().stream().flatMap(List::stream).mapToLong(t -> t[0]).min().orElse(0);
            hangUps.forEach((agent, ends) -> {
                List<Long> done = pushes.getOrDefault(agent, List.of());
                for (int i = 0; i < Math.min(ends.size(), done.size()); i++) {
                    toRedis.add(done.get(i) - ends.get(i)[0]);
                    bySecond.computeIfAbsent((ends.get(i)[0] - first) / 1_000_000, s -> new ArrayList<>())
                            .add(done.get(i) - ends.get(i)[0]);
                }
            });
            System.out.println("race: hang-up (AgentComplete's timestamp) -> Redis ran the append (agent at the FIFO"
                    + " tail; Redis's clock, MONITOR): " + TimedMirror.percentiles(toRedis));
            StringBuilder perSecond = new StringBuilder();
            bySecond.forEach((second, lags) -> perSecond.append(String.format(" %ds: n=%d max %.1f ms;", second, lags.size(),
                    lags.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0)));
            System.out.println("race: the same by second of the race:" + perSecond);
            adapter.printTimings(watch, monitor);
            synchronized (watch) {
                System.out.println("race: for reference, AgentComplete's timestamp -> the watching connection got it: "
                        + TimedMirror.percentiles(watch.delivery));
            }
            System.out.println("race: FIFO order: " + watch.fifo.summary());
            watch.fifo.violations().stream().limit(20).forEach(v -> System.out.println("race: FIFO violation " + v));

            assertThat(watch.violations).as("double bookings").isEmpty();
            assertThat(watch.fifo.violations()).as("rings out of FIFO order").isEmpty();
            assertThat(watch.failed.get()).as("calls that failed").isZero();
            assertThat(watch.connected.get()).isEqualTo(WARMUP + CALLS);
            assertThat(watch.perAgent()).hasSize(AGENTS);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(adapter.idleAgents()).hasSize(AGENTS);
                assertThat(QueueMembers.names(observer, QUEUE)).containsExactlyElementsOf(adapter.idleAgents());
            });
        } finally {
            try {
                observer.sendAction(new HangupAction("/^Local\\/(q-" + QUEUE + "|race[0-9]+)@.*/"), 5_000);
            } catch (Exception e) {
                // nothing left to hang up
            }
            adapter.close();
            monitor.close();
            observer.logoff();
        }
    }

    /** Sends {@code calls} callers into the queue, at most WAITING waiting, {@code rate} a second (0: at once). */
    private static void originate(ManagerConnection observer, Watch watch, int calls, int rate) throws Exception {
        long start = System.nanoTime();
        for (int call = 1; call <= calls; call++) {
            if (rate > 0) {
                // The paced variant: callers arrive at RATE a second instead of as fast as agents free up.
                LockSupport.parkNanos(start + call * 1_000_000_000L / rate - System.nanoTime());
            }
            if (!watch.waiting.tryAcquire(20, TimeUnit.SECONDS)) {
                throw new AssertionError("calls stopped completing after " + watch.completed.get());
            }
            OriginateAction originate = new OriginateAction();
            originate.setChannel("Local/q-" + QUEUE + "@" + CustomerCalls.CONTEXT + "/n");
            originate.setApplication("Wait");
            originate.setData("60");
            originate.setAsync(true);
            originate.setTimeout(120_000L);
            originate.setCallerId("race " + call);
            originate.setVariable("__DATAIVR_TEST_TALK", "0.05");
            observer.sendAction(originate, 5_000);
        }
    }

    /** The adapter keeping the race's FIFO: its classes in this JVM, or the application in a JVM of its own. */
    interface RaceAdapter extends AutoCloseable {

        /** Logs the agent in to the race's queue (at the FIFO tail). */
        void login(String agent) throws Exception;

        /** The adapter's idle agents of the race's queue, FIFO head first. */
        List<String> idleAgents() throws Exception;

        /** Forgets the timings taken so far (the logins). */
        void resetTimings();

        /** Prints what only this kind of adapter can time. */
        void printTimings(Watch watch, RedisMonitor monitor) throws Exception;

        @Override
        void close() throws Exception;
    }

    /**
     * The adapter's own AmiGateway, AgentService and Redis mirror in the test's JVM (a second instance
     * with the Local-channel member interface, so the shared adapter and its PJSIP agents are left alone).
     */
    static final class AdapterInThisJvm implements RaceAdapter {
        final AmiGateway gateway;
        final TimedMirror mirror;
        private final AgentService agents;
        private final FifoReconciler reconciler;
        private final LettuceConnectionFactory redis;
        /** When each hang-up reached the adapter's listeners (told just before AgentService). */
        private final List<Long> dispatched = Collections.synchronizedList(new ArrayList<>());

        AdapterInThisJvm(String redisUri) {
            redis = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(redisUri));
            redis.afterPropertiesSet();
            mirror = new TimedMirror(new RedisIdleAgentMirror(redis, new StringRedisTemplate(redis), PREFIX));
            VoiceProperties properties = new VoiceProperties(TestAmi.HOST, TestAmi.PORT, TestAmi.ADAPTER_USER, TestAmi.ADAPTER_SECRET,
                    Duration.ofSeconds(5), "127.0.0.1", 0, 1, MEMBER_INTERFACE, List.of(QUEUE), null, null);
            gateway = new AmiGateway(properties);
            AgentFeature feature = AgentFeature.over(gateway.membership(), mirror, (a, from, to, why) -> { });
            agents = feature.service();
            reconciler = feature.reconciler();
            gateway.subscribe(event -> {
                if (event instanceof io.dataivr.call.QueueCallEvent.AgentHungUp) {
                    dispatched.add(TimedMirror.nowMicros());
                }
            });
            gateway.subscribe(feature.rules());
            gateway.onConnected(reconciler::rebuild);
            gateway.start();
            await().atMost(Duration.ofSeconds(30)).until(gateway::connected);
            for (int i = 1; i <= AGENTS; i++) {
                gateway.membership().remove(QUEUE, "race" + i);
            }
            reconciler.rebuild(QUEUE);
        }

        @Override
        public void login(String agent) {
            agents.login(agent, QUEUE);
        }

        @Override
        public List<String> idleAgents() {
            return agents.idleAgents(QUEUE);
        }

        @Override
        public void resetTimings() {
            mirror.reset();
            dispatched.clear();
        }

        @Override
        public void printTimings(Watch watch, RedisMonitor monitor) {
            Map<String, List<long[]>> hangUps = watch.hangUps();
            System.out.println("race: hang-up (AgentComplete) -> agent at the FIFO tail in Redis (Lettuce's answer): "
                    + mirror.summary(hangUps));
            List<Long> completes = new ArrayList<>();
            hangUps.values().forEach(l -> l.forEach(t -> completes.add(t[0])));
            Collections.sort(completes);
            List<Long> reached = new ArrayList<>(dispatched);
            List<Long> lags = new ArrayList<>();
            for (int i = 0; i < Math.min(completes.size(), reached.size()); i++) {
                lags.add(reached.get(i) - completes.get(i));
            }
            System.out.println("race: AgentComplete's timestamp -> the adapter's listeners got it (matched in order): "
                    + TimedMirror.percentiles(lags));
        }

        @Override
        public void close() {
            for (int i = 1; i <= AGENTS; i++) {
                try {
                    gateway.membership().remove(QUEUE, "race" + i);
                } catch (RuntimeException e) {
                    // not connected any more
                }
            }
            gateway.stop();
            redis.destroy();
        }

        @Override
        public String toString() {
            return "in the test's JVM";
        }
    }

    /**
     * The adapter application in a JVM and session of its own, started as {@code ./dataivr up} starts it
     * (adapter/jvm.options, then {@code dataivr.race.adapter-jvm-options}), told through its REST API.
     */
    static final class AdapterInItsOwnJvm implements RaceAdapter {
        private final ManagerConnection ami;
        private final QueueAdapterProcess adapter;

        AdapterInItsOwnJvm(ManagerConnection ami) throws Exception {
            this.ami = ami;
            removeMembers();
            adapter = QueueAdapterProcess.start(QUEUE, MEMBER_INTERFACE, PREFIX,
                    System.getProperty("dataivr.race.adapter-jvm-options", ""), List.of(
                            "--dataivr.voice.agi-port=" + AdapterProcess.freePort(),
                            "--dataivr.voice.event-timings=" + BREAKDOWN));
        }

        private void removeMembers() throws Exception {
            for (int i = 1; i <= AGENTS; i++) {
                ami.sendAction(new QueueRemoveAction(QUEUE, MEMBER_INTERFACE.replace("{agent}", "race" + i)), 5_000);
            }
        }

        @Override
        public void login(String agent) throws Exception {
            adapter.login(agent);
        }

        @Override
        public List<String> idleAgents() {
            return adapter.idleAgents();
        }

        @Override
        public void resetTimings() {
        }

        /**
         * With BREAKDOWN: the hang-up → Redis time of each timed call split by the adapter's own record
         * (its log's {@code ami-timing:} lines, matched by agent and the AgentComplete's timestamp): (a)
         * Asterisk's timestamp → asterisk-java's reader built the event (ms resolution), (b) → the event
         * thread began handling it (asterisk-java's queue), (h) → handled (Redis append sent), (c) → Redis ran it.
         */
        @Override
        public void printTimings(Watch watch, RedisMonitor monitor) throws Exception {
            if (!BREAKDOWN) {
                return;
            }
            Map<String, List<long[]>> hangUps = watch.hangUps();
            Map<String, List<Long>> pushes = monitor.pushes();
            int expected = hangUps.values().stream().mapToInt(List::size).sum();
            Map<String, long[]> samples = new HashMap<>();
            String counts = "none";
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (true) {
                for (String line : adapter.logLines()) {
                    int at = line.indexOf("ami-timing: ");
                    if (at >= 0) {
                        String[] f = line.substring(at + "ami-timing: ".length()).trim().split(" ");
                        samples.put(f[0] + "@" + f[1], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]),
                                Long.parseLong(f[3]), Long.parseLong(f[4])});
                    } else if (line.contains("ami-timing-counts: ")) {
                        counts = line.substring(line.indexOf("ami-timing-counts: ") + "ami-timing-counts: ".length());
                    }
                }
                long found = hangUps.entrySet().stream().flatMap(e -> e.getValue().stream()
                        .map(t -> e.getKey() + "@" + t[0])).filter(samples::containsKey).count();
                if (found >= expected || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(500);
            }
            List<Long> read = new ArrayList<>();
            List<Long> queued = new ArrayList<>();
            List<Long> handling = new ArrayList<>();
            List<Long> toRedis = new ArrayList<>();
            List<long[]> all = new ArrayList<>(); // total, a, b, h, c, second
            long first = hangUps.values().stream().flatMap(List::stream).mapToLong(t -> t[0]).min().orElse(0);
            hangUps.forEach((agent, ends) -> {
                List<Long> done = pushes.getOrDefault(agent, List.of());
                for (int i = 0; i < Math.min(ends.size(), done.size()); i++) {
                    long[] s = samples.get(agent + "@" + ends.get(i)[0]);
                    if (s == null) {
                        continue;
                    }
                    long a = s[1] - s[0];
                    long b = s[2] - s[1];
                    long h = s[3] - s[2];
                    long c = done.get(i) - s[3];
                    read.add(a);
                    queued.add(b);
                    handling.add(h);
                    toRedis.add(c);
                    all.add(new long[] {done.get(i) - s[0], a, b, h, c, (s[0] - first) / 1_000_000});
                }
            });
            System.out.println("race: breakdown, (a) AgentComplete's timestamp -> the adapter's AMI reader built it"
                    + " (ms resolution): " + TimedMirror.percentiles(read));
            System.out.println("race: breakdown, (b) reader -> the event thread began handling it (asterisk-java's"
                    + " queue): " + TimedMirror.percentiles(queued));
            System.out.println("race: breakdown, (h) handling it (FIFO, Asterisk's member, Redis append sent): "
                    + TimedMirror.percentiles(handling));
            System.out.println("race: breakdown, (c) append sent -> Redis ran it: " + TimedMirror.percentiles(toRedis));
            all.sort((x, y) -> Long.compare(y[0], x[0]));
            int worst = Math.max(1, all.size() / 100);
            long[] sum = new long[5];
            for (int i = 0; i < Math.min(worst, all.size()); i++) {
                for (int k = 0; k < 5; k++) {
                    sum[k] += all.get(i)[k];
                }
            }
            System.out.printf("race: breakdown of the worst 1%% (%d calls, mean): total %.1f ms = (a) %.1f + (b) %.1f"
                    + " + (h) %.1f + (c) %.1f ms%n", worst, sum[0] / 1000.0 / worst, sum[1] / 1000.0 / worst,
                    sum[2] / 1000.0 / worst, sum[3] / 1000.0 / worst, sum[4] / 1000.0 / worst);
            Map<Long, long[]> bySecond = new java.util.TreeMap<>();
            for (long[] x : all) {
                long[] m = bySecond.computeIfAbsent(x[5], k -> new long[5]);
                for (int k = 0; k < 5; k++) {
                    m[k] = Math.max(m[k], x[k]);
                }
            }
            StringBuilder perSecond = new StringBuilder();
            bySecond.forEach((second, m) -> perSecond.append(String.format(" %ds: max a %.0f b %.0f h %.1f c %.1f;",
                    second, m[1] / 1000.0, m[2] / 1000.0, m[3] / 1000.0, m[4] / 1000.0)));
            System.out.println("race: breakdown by second (ms):" + perSecond);
            System.out.println("race: events the adapter's event session received (warm-up and race): " + counts);
        }

        @Override
        public void close() throws Exception {
            adapter.close();
            removeMembers();
        }

        @Override
        public String toString() {
            return "in a JVM and session of its own (" + adapter.jvmOptions() + ")";
        }
    }

    /**
     * What the race looks like from Asterisk's events (called on asterisk-java's one reader thread):
     * double bookings, the hang-up times, and the FIFO order ({@link FifoModel}).
     */
    static final class Watch {
        final Semaphore waiting = new Semaphore(WAITING);
        final AtomicInteger connected = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        final FifoModel fifo = new FifoModel(QUEUE, REORDER_WINDOW_MS / 1000.0);
        private final Set<String> busy = new HashSet<>();
        private final Map<String, Integer> calls = new HashMap<>();
        /** Per agent, each AgentComplete: {Asterisk's timestamp in µs since the epoch, System.nanoTime() here}. */
        private final Map<String, List<long[]>> hangUps = new HashMap<>();
        /** Each AgentComplete: from its timestamp to its arrival here (µs), what any AMI client waits at least. */
        final List<Long> delivery = new ArrayList<>();

        synchronized void on(ManagerEvent event) {
            fifo.on(event);
            if (event instanceof AgentCalledEvent e && QUEUE.equals(e.getQueue())) {
                if (busy.contains(e.getMemberName())) {
                    violations.add(e.getMemberName() + " rung while on a call");
                }
            } else if (event instanceof AgentConnectEvent e && QUEUE.equals(e.getQueue())) {
                if (!busy.add(e.getMemberName())) {
                    violations.add(e.getMemberName() + " connected to a second call");
                }
                calls.merge(e.getMemberName(), 1, Integer::sum);
                connected.incrementAndGet();
            } else if (event instanceof AgentCompleteEvent e && QUEUE.equals(e.getQueue())) {
                busy.remove(e.getMemberName());
                hangUps.computeIfAbsent(e.getMemberName(), a -> new ArrayList<>())
                        .add(new long[] {FifoModel.micros(e), System.nanoTime()});
                delivery.add(TimedMirror.nowMicros() - FifoModel.micros(e));
                completed.incrementAndGet();
                waiting.release();
            } else if (event instanceof OriginateResponseEvent e && "Failure".equalsIgnoreCase(e.getResponse())) {
                failed.incrementAndGet();
                waiting.release();
            }
        }

        /** Forgets the hang-up times so far (the warm-up race); call with every agent idle. */
        synchronized void resetTimings() {
            hangUps.clear();
            delivery.clear();
        }

        synchronized Map<String, Integer> perAgent() {
            return new java.util.TreeMap<>(calls);
        }

        synchronized Map<String, List<long[]>> hangUps() {
            Map<String, List<long[]>> copy = new HashMap<>();
            hangUps.forEach((agent, times) -> copy.put(agent, new ArrayList<>(times)));
            return copy;
        }
    }

    /**
     * The Redis mirror, recording when Redis has made each append (agent back at the tail): in µs since
     * the epoch and in System.nanoTime(). The n-th append of an agent after {@link #reset} belongs to its
     * n-th AgentComplete in the race (the adapter appends once per call ended).
     */
    static final class TimedMirror implements IdleAgentMirror {
        private final RedisIdleAgentMirror redis;
        final Map<String, List<long[]>> appends = new HashMap<>();

        TimedMirror(RedisIdleAgentMirror redis) {
            this.redis = redis;
        }

        @Override
        public void replace(String queue, List<String> agents) {
            redis.replace(queue, agents);
        }

        @Override
        public void append(String queue, String agent) {
            redis.appended(queue, agent).thenRun(() -> {
                long wall = nowMicros();
                long nanos = System.nanoTime();
                synchronized (appends) {
                    appends.computeIfAbsent(agent, a -> new ArrayList<>()).add(new long[] {wall, nanos});
                }
            });
        }

        static long nowMicros() {
            Instant now = Instant.now();
            return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        }

        int count() {
            synchronized (appends) {
                return appends.values().stream().mapToInt(List::size).sum();
            }
        }

        /** Forgets the appends so far (the logins). */
        void reset() {
            synchronized (appends) {
                appends.clear();
            }
        }

        @Override
        public void remove(String queue, String agent) {
            redis.remove(queue, agent);
        }

        @Override
        public List<String> read(String queue) {
            return redis.read(queue);
        }

        @Override
        public boolean intact(String queue) {
            return redis.intact(queue);
        }

        /**
         * Hang-up → agent at the FIFO tail in Redis, twice: from the AgentComplete's own timestamp
         * (Asterisk's clock, {@code timestampevents = yes}) and from when the watching connection got it.
         */
        String summary(Map<String, List<long[]>> hangUps) {
            List<Long> fromEvent = new ArrayList<>();
            List<Long> fromWatch = new ArrayList<>();
            synchronized (appends) {
                hangUps.forEach((agent, ends) -> {
                    List<long[]> done = appends.getOrDefault(agent, List.of());
                    for (int i = 0; i < Math.min(ends.size(), done.size()); i++) {
                        fromEvent.add(done.get(i)[0] - ends.get(i)[0]);
                        fromWatch.add(Math.max(0, (done.get(i)[1] - ends.get(i)[1]) / 1_000));
                    }
                });
            }
            return "from the event's timestamp " + percentiles(fromEvent) + "; from the watching connection "
                    + percentiles(fromWatch);
        }

        static String percentiles(List<Long> micros) {
            if (micros.isEmpty()) {
                return "no samples";
            }
            List<Long> sorted = new ArrayList<>(micros);
            Collections.sort(sorted);
            return String.format("n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms", sorted.size(),
                    sorted.get(sorted.size() / 2) / 1000.0, sorted.get(Math.min(sorted.size() - 1,
                            (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1000.0,
                    sorted.get(sorted.size() - 1) / 1000.0);
        }
    }
}
