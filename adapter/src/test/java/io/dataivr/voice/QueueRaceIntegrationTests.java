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
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.junit.jupiter.api.Test;

/**
 * 1,000 callers race for 10 agents on the real Asterisk; no agent is ever double-booked.
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
        TimedMirror mirror = new TimedMirror(new RedisIdleAgentMirror(redis.sync(), "dataivr-race-test:"), watch);
        ManagerConnection observer = new ManagerConnectionFactory("127.0.0.1", 5038, "dataivr", "dataivr-ami")
                .createManagerConnection();
        observer.addEventListener(watch::on);
        observer.login();
        VoiceProperties properties = new VoiceProperties("127.0.0.1", 5038, "dataivr", "dataivr-ami",
                Duration.ofSeconds(5), "127.0.0.1", 0, "Local/{agent}@dataivr-test-agents/n", List.of(QUEUE));
        AmiGateway gateway = new AmiGateway(properties);
        AgentService agents = new AgentService(gateway, mirror, (a, from, to, why) -> { });
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
            assertThat(gateway.members(QUEUE)).hasSize(AGENTS);

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
            System.out.println("race: hang-up (AgentComplete seen on a second AMI connection) -> agent at the FIFO tail"
                    + " in Redis: " + mirror.summary());

            assertThat(watch.violations).as("double bookings").isEmpty();
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

    /** What the race looks like from Asterisk's events (called on asterisk-java's one reader thread). */
    static final class Watch {
        final Semaphore waiting = new Semaphore(WAITING);
        final AtomicInteger connected = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        private final Set<String> busy = new HashSet<>();
        private final Map<String, Integer> calls = new HashMap<>();

        private final Map<String, Long> completedAt = new HashMap<>();

        synchronized Long takeCompletedAt(String agent) {
            return completedAt.remove(agent);
        }

        synchronized void on(ManagerEvent event) {
            if (event instanceof AgentCalledEvent e && QUEUE.equals(e.getQueue())) {
                if (busy.contains(e.getMemberName())) {
                    violations.add(e.getMemberName() + " rung while on a call");
                }
            } else if (event instanceof AgentConnectEvent e && QUEUE.equals(e.getQueue())) {
                if (!busy.add(e.getMemberName())) {
                    violations.add(e.getMemberName() + " connected to a second call");
                }
                calls.merge(e.getMemberName(), 1, Integer::sum);
                completedAt.remove(e.getMemberName());
                connected.incrementAndGet();
            } else if (event instanceof AgentCompleteEvent e && QUEUE.equals(e.getQueue())) {
                busy.remove(e.getMemberName());
                completedAt.put(e.getMemberName(), System.nanoTime());
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
    }

    /**
     * The Redis mirror, timing each append (agent back at the tail) from the AgentComplete the watch saw
     * (an append before the watch's connection delivered the event is not counted: the adapter was
     * ahead of the watch; nor are the appends of the logins).
     */
    static final class TimedMirror implements IdleAgentMirror {
        private final IdleAgentMirror redis;
        private final Watch watch;
        private final List<Long> micros = Collections.synchronizedList(new ArrayList<>());

        TimedMirror(IdleAgentMirror redis, Watch watch) {
            this.redis = redis;
            this.watch = watch;
        }

        @Override
        public void replace(String queue, List<String> agents) {
            redis.replace(queue, agents);
        }

        @Override
        public void append(String queue, String agent) {
            redis.append(queue, agent);
            long now = System.nanoTime();
            Long completed = watch.takeCompletedAt(agent);
            if (completed != null) {
                micros.add(Math.max(0, (now - completed) / 1_000));
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

        String summary() {
            List<Long> sorted;
            synchronized (micros) {
                sorted = new ArrayList<>(micros);
            }
            if (sorted.isEmpty()) {
                return "no samples";
            }
            Collections.sort(sorted);
            return String.format("n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms", sorted.size(),
                    sorted.get(sorted.size() / 2) / 1000.0, sorted.get(Math.min(sorted.size() - 1,
                            (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1000.0,
                    sorted.get(sorted.size() - 1) / 1000.0);
        }
    }
}
