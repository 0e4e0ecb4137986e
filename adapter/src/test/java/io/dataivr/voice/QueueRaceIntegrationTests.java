package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.agent.AgentService;
import io.dataivr.fixtures.AsteriskAccounts;
import io.dataivr.agent.IdleAgentMirror;
import io.dataivr.store.redis.RedisIdleAgentMirror;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
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
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.FilterAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.junit.jupiter.api.Test;

/**
 * 1,000 callers race for 10 agents on the real Asterisk; no agent is ever double-booked, and every
 * ring goes to the agent the FIFO says ({@link FifoModel}: the rule is in asterisk-config/README.md).
 * Prints hang-up → agent at the FIFO tail in Redis, timed from the AgentComplete's own timestamp.
 *
 * <p>The agents are Local channels ({@code Local/raceN@dataivr-test-agents/n}: answer at once, talk
 * 0.05 s, hang up) in the test-only queue {@code race-test}, kept by the adapter's own
 * {@link AmiGateway} and {@link AgentService} (a second instance with that member interface, so the
 * shared adapter and its PJSIP agents are left alone): {@code QueueRemove} on AgentConnect,
 * {@code QueueAdd} at the tail on AgentComplete. The callers are AMI Originates into
 * {@code q-race-test} (at most 100 waiting at once). A second AMI connection watches the events: an
 * AgentConnect (or an AgentCalled) for an agent whose previous AgentConnect has no AgentComplete yet
 * is a double booking.
 */
class QueueRaceIntegrationTests {

    static final String QUEUE = "race-test";
    // bench/voice-race.sh runs the same race with more agents (-Ddataivr.race.agents=100).
    static final int AGENTS = Integer.getInteger("dataivr.race.agents", 10);
    static final int CALLS = Integer.getInteger("dataivr.race.calls", 1_000);
    static final int WAITING = Integer.getInteger("dataivr.race.waiting", 100);
    /** How late (by Asterisk's timestamps) a free agent passed over by a ring may be rung itself (FifoModel). */
    static final long REORDER_WINDOW_MS = Long.getLong("dataivr.race.reorder-window-ms", 250);

    @Test
    void aThousandCallersRacingForTenAgentsNeverBookAnAgentTwice() throws Exception {
        for (int attempt = 1; ; attempt++) {
            AsteriskAccounts.requireQueue(QUEUE);
            String reload = AsteriskAccounts.lastReload();
            try {
                race();
                return;
            } catch (AssertionError | Exception e) {
                // Another checkout's ./dataivr test, waiting for the lock, pushes its own configuration
                // (without race-test) and reloads: that is not a failure of ours, run again.
                if (attempt == 3 || reload.equals(AsteriskAccounts.lastReload())) {
                    throw e;
                }
                System.out.println("Asterisk was reloaded by another checkout during the race; running it again");
            }
        }
    }

    private void race() throws Exception {
        Watch watch = new Watch();
        RedisClient redisClient = RedisClient.create(
                System.getenv().getOrDefault("DATAIVR_TEST_REDIS_URI", "redis://127.0.0.1:6379/1"));
        StatefulRedisConnection<String, String> redis = redisClient.connect();
        TimedMirror mirror = new TimedMirror(new RedisIdleAgentMirror(redis.sync(), redis.async(), "dataivr-race-test:"));
        ManagerConnection observer = new ManagerConnectionFactory("127.0.0.1", 5038, "dataivr", "dataivr-ami")
                .createManagerConnection();
        observer.addEventListener(watch::on);
        observer.login();
        // The watch is the measuring instrument: it asks for the events it reads only, like the gateway.
        observer.sendAction(new FilterAction("^Event: (AgentCalled|AgentConnect|AgentComplete|AgentRingNoAnswer"
                + "|QueueMember[A-Za-z]*|OriginateResponse)[[:space:]]"), 5_000);
        VoiceProperties properties = new VoiceProperties("127.0.0.1", 5038, "dataivr", "dataivr-ami",
                Duration.ofSeconds(5), "127.0.0.1", 0, 1, "Local/{agent}@dataivr-test-agents/n", List.of(QUEUE));
        AmiGateway gateway = new AmiGateway(properties);
        AgentService agents = new AgentService(gateway, mirror, (a, from, to, why) -> { });
        // Told just before AgentService: when each hang-up reached the adapter's listeners.
        List<Long> dispatched = Collections.synchronizedList(new ArrayList<>());
        gateway.subscribe(event -> {
            if (event instanceof io.dataivr.agent.QueueCallEvent.AgentHungUp) {
                dispatched.add(TimedMirror.nowMicros());
            }
        });
        gateway.subscribe(agents);
        gateway.onConnected(agents::rebuild);
        gateway.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(gateway::connected);
            for (int i = 1; i <= AGENTS; i++) {
                gateway.remove(QUEUE, "race" + i);
            }
            agents.rebuild(QUEUE);
            for (int i = 1; i <= AGENTS; i++) {
                agents.login("race" + i, QUEUE);
            }
            List<String> members = gateway.members(QUEUE);
            assertThat(members).hasSize(AGENTS);
            watch.fifo.start(members);
            mirror.reset();

            long start = System.nanoTime();
            for (int call = 1; call <= CALLS; call++) {
                if (!watch.waiting.tryAcquire(20, TimeUnit.SECONDS)) {
                    throw new AssertionError("calls stopped completing after " + watch.completed.get());
                }
                OriginateAction originate = new OriginateAction();
                originate.setChannel("Local/q-" + QUEUE + "@dataivr-customer/n");
                originate.setApplication("Wait");
                originate.setData("60");
                originate.setAsync(true);
                originate.setTimeout(120_000L);
                originate.setCallerId("race " + call);
                originate.setVariable("__DATAIVR_TEST_TALK", "0.05");
                observer.sendAction(originate, 5_000);
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> watch.completed.get() + watch.failed.get() >= CALLS);
            double seconds = (System.nanoTime() - start) / 1e9;
            IntSummaryStatistics spread = watch.perAgent().values().stream().mapToInt(Integer::intValue)
                    .summaryStatistics();
            System.out.printf("race: %d calls over %d agents (at most %d waiting) in %.1f s (%.0f calls/s): %d answered,"
                    + " %d failed, %d double bookings, calls per agent min %d max %d%n", CALLS, AGENTS, WAITING, seconds,
                    CALLS / seconds, watch.connected.get(), watch.failed.get(), watch.violations.size(),
                    spread.getMin(), spread.getMax());
            System.out.println("race: hang-up (AgentComplete) -> agent at the FIFO tail in Redis: "
                    + mirror.summary(watch.hangUps()));
            synchronized (watch) {
                List<Long> completes = new ArrayList<>();
                watch.hangUps().values().forEach(l -> l.forEach(t -> completes.add(t[0])));
                Collections.sort(completes);
                List<Long> reached = new ArrayList<>(dispatched);
                List<Long> lags = new ArrayList<>();
                for (int i = 0; i < Math.min(completes.size(), reached.size()); i++) {
                    lags.add(reached.get(i) - completes.get(i));
                }
                System.out.println("race: AgentComplete's timestamp -> the adapter's listeners got it (matched in order): "
                        + TimedMirror.percentiles(lags));
                System.out.println("race: for reference, AgentComplete's timestamp -> the watching connection got it: "
                        + TimedMirror.percentiles(watch.delivery));
            }
            System.out.println("race: FIFO order: " + watch.fifo.summary());
            watch.fifo.violations().stream().limit(20).forEach(v -> System.out.println("race: FIFO violation " + v));

            assertThat(watch.violations).as("double bookings").isEmpty();
            assertThat(watch.fifo.violations()).as("rings out of FIFO order").isEmpty();
            assertThat(watch.failed.get()).as("calls that failed").isZero();
            assertThat(watch.connected.get()).isEqualTo(CALLS);
            assertThat(watch.perAgent()).hasSize(AGENTS);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(agents.idleAgents(QUEUE)).hasSize(AGENTS);
                assertThat(gateway.members(QUEUE)).containsExactlyElementsOf(agents.idleAgents(QUEUE));
            });
        } finally {
            try {
                observer.sendAction(new HangupAction("/^Local\\/(q-" + QUEUE + "|race[0-9]+)@.*/"), 5_000);
            } catch (Exception e) {
                // nothing left to hang up
            }
            for (int i = 1; i <= AGENTS; i++) {
                try {
                    gateway.remove(QUEUE, "race" + i);
                } catch (RuntimeException e) {
                    // not connected any more
                }
            }
            gateway.stop();
            observer.logoff();
            redis.close();
            redisClient.shutdown();
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
        private final Map<String, List<long[]>> appends = new HashMap<>();

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
