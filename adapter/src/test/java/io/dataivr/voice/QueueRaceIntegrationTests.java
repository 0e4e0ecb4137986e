package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.agent.AgentService;
import io.dataivr.fixtures.AsteriskAccounts;
import io.dataivr.fixtures.InMemoryIdleAgentMirror;
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
    static final int AGENTS = 10;
    static final int CALLS = 1_000;
    static final int WAITING = 100;

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
        ManagerConnection observer = new ManagerConnectionFactory("127.0.0.1", 5038, "dataivr", "dataivr-ami")
                .createManagerConnection();
        observer.addEventListener(watch::on);
        observer.login();
        VoiceProperties properties = new VoiceProperties("127.0.0.1", 5038, "dataivr", "dataivr-ami",
                Duration.ofSeconds(5), "127.0.0.1", 0, "Local/{agent}@dataivr-test-agents/n", List.of(QUEUE));
        AmiGateway gateway = new AmiGateway(properties);
        AgentService agents = new AgentService(gateway, new InMemoryIdleAgentMirror(), (a, from, to, why) -> { });
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
            System.out.printf("race: %d calls over %d agents in %.1f s (%.0f calls/s): %d answered, %d failed,"
                    + " %d double bookings, calls per agent %s%n", CALLS, AGENTS, seconds, CALLS / seconds,
                    watch.connected.get(), watch.failed.get(), watch.violations.size(), watch.perAgent());

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
                connected.incrementAndGet();
            } else if (event instanceof AgentCompleteEvent e && QUEUE.equals(e.getQueue())) {
                busy.remove(e.getMemberName());
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
}
