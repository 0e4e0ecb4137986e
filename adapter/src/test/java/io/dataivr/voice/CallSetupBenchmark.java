package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.fixtures.AsteriskAccounts;
import io.dataivr.fixtures.CustomerCalls;
import io.dataivr.fixtures.ProcessCpu;
import io.dataivr.fixtures.QueueAdapterProcess;
import io.dataivr.fixtures.QueueMembers;
import io.dataivr.sdk.ClientListener;
import io.dataivr.sdk.DataIvrClient;
import io.dataivr.sdk.ServerMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.OriginateAction;
import org.junit.jupiter.api.Test;

/**
 * Call set-up through the adapter against a direct dial into the same queue, in one run (issue 4;
 * {@code bench/call-setup.sh}; not part of the test suite: the class name does not end in Tests).
 *
 * <p>Both paths end in the same queue ({@code race-test}, linear) with the same Local-channel agents
 * ({@code Local/raceN@dataivr-test-agents/n}), kept by the adapter, which runs as in production: the
 * application in a JVM of its own ({@link QueueAdapterProcess}), serving the dialplan's FastAGI port,
 * while this JVM plays the apps and the phones. Both calls are the same AMI Originate of a Local
 * channel into {@code dataivr-test-customer} (test-only; it includes {@code dataivr-customer}), sent on the
 * same AMI session:
 * <ul>
 * <li>direct: {@code Local/q-race-test@dataivr-test-customer/n} (Ringing, Queue); timed from the Originate;
 * <li>through the adapter: a consultation session (the SDK over the IP channel, opened before the
 * clock starts) chooses the menu's voice item; the adapter answers with the voice link, and the
 * "app" dials it at once as {@code Local/vr-…@dataivr-test-customer/n} (voice-link AGI, Ringing, Queue);
 * timed from the choice.
 * </ul>
 * The clock stops at the agent's ringing: the AgentCalled event's own timestamp (Asterisk's clock;
 * the ringing call is found by the Uniqueid given to its Local channel in the Originate). Paths
 * alternate call by call (one at a time) and round by round (N at once), so drift hits both alike.
 * Untimed warm-up rounds of both paths come first (a running adapter is warm), and each round's
 * customers end their sessions once their calls are over, so that no round pays for an earlier one.
 * For each path the CPU time of each process from the first request to the last ring is reported per
 * call.
 */
class CallSetupBenchmark {

    static final String QUEUE = "race-test";
    static final String MEMBER_INTERFACE = "Local/{agent}@dataivr-test-agents/n";
    static final String PREFIX = "dataivr-setup-bench:";
    /** How many agents, calls one at a time, calls at once per round, rounds and warm-up rounds. */
    record Scale(int agents, int single, int concurrent, int rounds, int warmUp) {
        static Scale fromProperties() {
            return new Scale(Integer.getInteger("dataivr.setup.agents", 60),
                    Integer.getInteger("dataivr.setup.single", 100), Integer.getInteger("dataivr.setup.concurrent", 50),
                    Integer.getInteger("dataivr.setup.rounds", 10), Integer.getInteger("dataivr.setup.warmup", 2));
        }
    }

    private final int agents;
    private final int single;
    private final int concurrent;
    private final int rounds;
    private final int warmUpRounds;
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String MENU = """
            menu: bench-race
            languages: [en]
            title: Call set-up benchmark
            items:
              - key: "0"
                label: Talk to an agent
                voice: race-test
            """;

    private QueueAdapterProcess adapter;
    private int port;

    CallSetupBenchmark() {
        this(Scale.fromProperties());
    }

    CallSetupBenchmark(Scale scale) {
        this.agents = scale.agents();
        this.single = scale.single();
        this.concurrent = scale.concurrent();
        this.rounds = scale.rounds();
        this.warmUpRounds = scale.warmUp();
    }
    private final AtomicInteger sequence = new AtomicInteger();
    private RingWatch rings;
    private ManagerConnection dialer;

    @Test
    void callSetUpThroughTheAdapterAgainstADirectDialIntoTheSameQueue() throws Exception {
        rings = RingWatch.open(QUEUE);
        dialer = rings.dialer();
        QueueMembers.removeAll(dialer, QUEUE);
        // The adapter as it runs in production: a JVM of its own (options: dataivr.setup.adapter-jvm-options),
        // serving the dialplan's FastAGI port.
        // Its own FastAGI port, with the dialplan's DATAIVR_AGI global pointing at it while this runs: a
        // Spring context of the suite's may still hold the default port.
        int agiPort = io.dataivr.fixtures.AdapterProcess.freePort();
        adapter = QueueAdapterProcess.start(QUEUE, MEMBER_INTERFACE, PREFIX,
                System.getProperty("dataivr.setup.adapter-jvm-options", ""),
                List.of("--dataivr.voice.agi-port=" + agiPort));
        port = adapter.port();
        try (io.dataivr.fixtures.DialplanAgi agi = io.dataivr.fixtures.DialplanAgi.pointAt(dialer, agiPort)) {
            adapter.publishMenu(MENU);
            for (int i = 1; i <= agents; i++) {
                adapter.login("race" + i);
            }
            assertThat(QueueMembers.names(dialer, QUEUE)).hasSize(agents);
            System.out.println("setup: the adapter in a JVM of its own (" + adapter.jvmOptions() + ")");
            warmUp();

            Samples direct1 = new Samples();
            Samples adapter1 = new Samples();
            Samples again1 = new Samples();
            for (int i = 0; i < single; i++) {
                direct1.add(directDials(1));
                allAgentsIdle();
                adapter1.add(throughTheAdapter(1, false));
                allAgentsIdle();
                again1.add(throughTheAdapter(1, true));
                allAgentsIdle();
            }
            Samples directN = new Samples();
            Samples adapterN = new Samples();
            Samples againN = new Samples();
            for (int round = 0; round < rounds; round++) {
                directN.add(directDials(concurrent));
                allAgentsIdle();
                adapterN.add(throughTheAdapter(concurrent, false));
                allAgentsIdle();
                againN.add(throughTheAdapter(concurrent, true));
                allAgentsIdle();
            }
            report("1 at a time", direct1, adapter1, "a new session's voice request");
            report("1 at a time", direct1, again1, "a session's 2nd voice request (SIP account provisioned)");
            report(concurrent + " at once (" + rounds + " rounds)", directN, adapterN, "a new session's voice request");
            report(concurrent + " at once (" + rounds + " rounds)", directN, againN,
                    "a session's 2nd voice request (SIP account provisioned)");
            // Every call of every path was set up: each rang an agent within WAIT (a call that did not
            // would have failed its wait above), and no Originate was refused.
            assertThat(rings.failedOriginates()).as("originates that failed").isZero();
            assertThat(List.of(direct1.setup.size(), adapter1.setup.size(), again1.setup.size()))
                    .as("calls one at a time set up: direct, new session, 2nd request").containsOnly(single);
            assertThat(List.of(directN.setup.size(), adapterN.setup.size(), againN.setup.size()))
                    .as("calls at once set up: direct, new session, 2nd request").containsOnly(concurrent * rounds);
            assertThat(adapterN.toLink).as("every voice request got its link").hasSize(concurrent * rounds)
                    .allMatch(micros -> micros > 0);
        } finally {
            rings.hangUpLeftovers();
            adapter.close();
            QueueMembers.removeAll(dialer, QUEUE);
            rings.close();
        }
    }

    /**
     * Untimed: one call of each path, then warmUpRounds rounds of concurrent calls of each, so that the JIT has
     * compiled both paths (a running adapter is warm) before anything is timed.
     */
    private void warmUp() throws Exception {
        directDials(1);
        allAgentsIdle();
        throughTheAdapter(1, false);
        allAgentsIdle();
        for (int round = 0; round < warmUpRounds; round++) {
            directDials(concurrent);
            allAgentsIdle();
            throughTheAdapter(concurrent, round % 2 == 1);
            allAgentsIdle();
        }
    }

    /** {@code calls} direct dials at once; each sample: Originate sent → agent ringing. */
    private Samples directDials(int calls) throws Exception {
        List<long[]> started = new ArrayList<>();
        List<CompletableFuture<Long>> rang = new ArrayList<>();
        ProcessCpu.Sample before = ProcessCpu.sample(adapter.pid());
        for (int i = 0; i < calls; i++) {
            String id = "cs" + sequence.incrementAndGet();
            rang.add(expectRinging(id));
            started.add(new long[] {nowMicros()});
            dial("q-" + QUEUE, id);
        }
        Samples samples = new Samples();
        for (int i = 0; i < calls; i++) {
            samples.setup.add(rang.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS) - started.get(i)[0]);
        }
        samples.timed(before, ProcessCpu.sample(adapter.pid()), calls);
        return samples;
    }

    /**
     * {@code calls} voice requests at once from sessions opened beforehand; each sample: choice sent →
     * agent ringing, split at the voice link's arrival (when the "app" dials). {@code again}: each
     * session first makes a voice request and call of its own (not timed), so the timed one is its
     * second (the device's SIP account is provisioned at a session's first voice request).
     */
    private Samples throughTheAdapter(int calls, boolean again) throws Exception {
        List<App> apps = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            apps.add(App.open(port, this, "cs" + sequence.incrementAndGet()));
        }
        try {
            if (again) {
                for (App app : apps) {
                    app.requestVoice();
                }
                for (App app : apps) {
                    app.rang.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    app.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    app.prepare("cs" + sequence.incrementAndGet());
                }
                allAgentsIdle();
            }
            ProcessCpu.Sample before = ProcessCpu.sample(adapter.pid());
            for (App app : apps) {
                app.requestVoice();
            }
            Samples samples = new Samples();
            for (App app : apps) {
                long rang = app.rang.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                samples.setup.add(rang - app.requestedAt);
                samples.toLink.add(app.linkedAt - app.requestedAt);
                samples.linkToRinging.add(rang - app.linkedAt);
            }
            samples.timed(before, ProcessCpu.sample(adapter.pid()), calls);
            return samples;
        } finally {
            endSessions(apps);
        }
    }

    /**
     * The customers close their apps (ending their sessions) once their calls rang, as the next round must
     * not pay for this round's sessions: left open, they would all expire together a grace period later.
     */
    private static void endSessions(List<App> apps) {
        List<CompletableFuture<?>> ended = new ArrayList<>();
        for (App app : apps) {
            try {
                if (app.linkedAt != 0) {
                    app.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS); // the call (talk: 50 ms) is over
                }
                ended.add(app.client.end());
            } catch (Exception e) {
                // the call or the channel is gone: the session expires on its own
            }
        }
        for (CompletableFuture<?> end : ended) {
            try {
                end.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                // counted by the session's expiry instead
            }
        }
        apps.forEach(app -> app.client.close());
    }

    private CompletableFuture<Long> expectRinging(String id) {
        return rings.expect(id);
    }

    /** The "phone" calls {@code exten}: a Local channel whose queue leg has the Uniqueid {@code id-b}. */
    void dial(String exten, String id) {
        OriginateAction originate = CustomerCalls.dialling(exten, id, 60);
        originate.setCallerId(id);
        originate.setVariable("__DATAIVR_TEST_TALK", "0.05");
        try {
            dialer.sendAction(originate, response -> { });
        } catch (Exception e) {
            throw new IllegalStateException("could not originate " + exten, e);
        }
    }


    /**
     * Every agent idle again, and Asterisk still on this checkout's dialplan (another checkout's test run
     * may push its own into the shared Asterisk; the voice-link script would then answer the old way).
     */
    private void allAgentsIdle() throws Exception {
        AsteriskAccounts.requireDialplan("dataivr-customer", VoiceLinkDialplanIntegrationTests.THIS_DIALPLAN);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5))
                .until(() -> adapter.idleAgents().size() == agents);
    }

    private static void report(String load, Samples direct, Samples adapter, String what) {
        System.out.printf("setup: %s, %s, n=%d each: %s%n", load, what, direct.setup.size(),
                adapter.against(direct, "through the adapter"));
        System.out.printf("setup: %s, %s: choice -> voice link at the app p50 %.1f ms, p99 %.1f ms;"
                + " app dials -> agent ringing p50 %.1f ms, p99 %.1f ms%n", load, what,
                adapter.p(adapter.toLink, 50) / 1000.0, adapter.p(adapter.toLink, 99) / 1000.0,
                adapter.p(adapter.linkToRinging, 50) / 1000.0, adapter.p(adapter.linkToRinging, 99) / 1000.0);
        System.out.printf("setup: %s, %s, from the first request to the last ring, direct dial: %s%n", load, what,
                direct.cpu.perCall(direct.timedCalls));
        System.out.printf("setup: %s, %s, from the first request to the last ring, through the adapter: %s%n", load,
                what, adapter.cpu.perCall(adapter.timedCalls));
    }

    static long nowMicros() {
        return QueueRaceIntegrationTests.TimedMirror.nowMicros();
    }

    /** Set-up times in µs. */
    static final class Samples {
        final List<Long> setup = new ArrayList<>();
        final List<Long> toLink = new ArrayList<>();
        final List<Long> linkToRinging = new ArrayList<>();

        /** CPU used from the first request or dial to the last ring, and how many calls that covers. */
        ProcessCpu.Sample cpu = ProcessCpu.ZERO;
        int timedCalls;

        void timed(ProcessCpu.Sample before, ProcessCpu.Sample after, int calls) {
            cpu = cpu.plus(after.minus(before));
            timedCalls += calls;
        }

        void add(Samples more) {
            cpu = cpu.plus(more.cpu);
            timedCalls += more.timedCalls;
            setup.addAll(more.setup);
            toLink.addAll(more.toLink);
            linkToRinging.addAll(more.linkToRinging);
        }

        /** This path's set-up times against the direct dial's: both paths' p50 and p99, their ratio, the ms added. */
        String against(Samples direct, String path) {
            long d50 = direct.p(direct.setup, 50);
            long d99 = direct.p(direct.setup, 99);
            long s50 = p(setup, 50);
            long s99 = p(setup, 99);
            return String.format(java.util.Locale.ROOT, "direct dial p50 %.1f ms, p99 %.1f ms; %s p50 %.1f ms,"
                    + " p99 %.1f ms; ratio p50 %.2fx, p99 %.2fx; added p50 %+.1f ms, p99 %+.1f ms", d50 / 1000.0,
                    d99 / 1000.0, path, s50 / 1000.0, s99 / 1000.0, (double) s50 / d50, (double) s99 / d99,
                    (s50 - d50) / 1000.0, (s99 - d99) / 1000.0);
        }

        long p(List<Long> values, int percentile) {
            List<Long> sorted = new ArrayList<>(values);
            java.util.Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percentile / 100.0) - 1));
        }
    }

    /** One app: a consultation session over the SDK that dials its voice link the moment it arrives. */
    static final class App implements ClientListener {
        final CallSetupBenchmark bench;
        volatile String id;
        volatile CompletableFuture<Long> rang;
        volatile CompletableFuture<Void> ended;
        DataIvrClient client;
        volatile long requestedAt;
        volatile long linkedAt;

        App(CallSetupBenchmark bench, String id) {
            this.bench = bench;
            prepare(id);
        }

        /** The next call: {@code id} names its Local channels. */
        void prepare(String id) {
            this.id = id;
            this.rang = bench.expectRinging(id);
            this.ended = new CompletableFuture<>();
        }

        static App open(int port, CallSetupBenchmark bench, String id) throws Exception {
            App app = new App(bench, id);
            app.client = DataIvrClient.connect("ws://127.0.0.1:" + port + "/ws/v1/consultation", app);
            app.client.opened().get(10, TimeUnit.SECONDS);
            app.client.consult("bench-race", "en", "bench-" + id).get(10, TimeUnit.SECONDS);
            return app;
        }

        void requestVoice() {
            requestedAt = nowMicros();
            client.choose("0");
        }

        @Override
        public void onMessage(ServerMessage message) {
            if (message instanceof ServerMessage.Voice voice) {
                linkedAt = nowMicros();
                String user = voice.dial.substring(voice.dial.indexOf(':') + 1, voice.dial.indexOf('@'));
                bench.dial(user, id);
            } else if (message instanceof ServerMessage.Call call && "ended".equals(call.state)) {
                ended.complete(null);
            }
        }
    }
}
