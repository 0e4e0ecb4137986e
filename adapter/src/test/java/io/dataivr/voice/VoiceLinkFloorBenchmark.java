package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.fixtures.CustomerCalls;
import io.dataivr.fixtures.ProcessCpu;
import io.dataivr.fixtures.QueueMembers;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.DbPutAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.QueueAddAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

/**
 * The floor under call set-up through the adapter (issue 4; {@code bench/voice-link-floor.sh}; not part of
 * the test suite): what the voice link's dialplan costs in Asterisk alone, with no adapter running. Both
 * calls are the AMI Originate {@link CallSetupBenchmark} sends, into the same queue ({@code race-test},
 * Local-channel agents added here, none rotated):
 * <ul>
 * <li>direct: {@code Local/q-race-test@dataivr-test-customer/n} (Ringing, Queue);
 * <li>voice link: {@code Local/vr-…@dataivr-test-customer/n}, the shipped extension (its FastAGI call,
 * the link's variables, Ringing, Queue), its FastAGI answered at once on the dialplan's port by the
 * adapter's AGI stack (asterisk-java's server, one SET VARIABLE, no session lookup, no database, no
 * WebSocket);
 * <li>AstDB link (what a link with no FastAGI step before the queue would cost): {@code Local/vd-…}, the
 * benchmark-only extension that reads the link once from Asterisk's database ({@code DB_DELETE}) and
 * checks its endpoint, then the same variables, Ringing, Queue; timed from the AMI {@code DBPut} that
 * writes the link, sent on the same session just before the Originate (an adapter would write it before
 * answering the voice request).
 * </ul>
 * Each is timed from the Originate to the agent's ringing (AgentCalled's timestamp). So "voice link
 * minus direct" is what any adapter must add to the dial → ring part while keeping a FastAGI link step:
 * Asterisk running the AGI and the extra dialplan steps, and the AGI round trip. CPU per call of Asterisk
 * and of this JVM (the AGI server) is printed for each path.
 */
class VoiceLinkFloorBenchmark {

    static final String QUEUE = CallSetupBenchmark.QUEUE;
    static final int AGENTS = Integer.getInteger("dataivr.floor.agents", 60);
    static final int SINGLE = Integer.getInteger("dataivr.floor.single", 100);
    static final int CONCURRENT = Integer.getInteger("dataivr.floor.concurrent", 50);
    static final int ROUNDS = Integer.getInteger("dataivr.floor.rounds", 10);
    static final int AGI_PORT = 4573;
    static final Duration WAIT = Duration.ofSeconds(30);

    private final AtomicInteger agiFailed = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger linked = new AtomicInteger();
    private RingWatch rings;
    private ManagerConnection dialer;

    @Test
    void theVoiceLinkDialplanAgainstADirectDialWithNoAdapterRunning() throws Exception {
        rings = RingWatch.open(QUEUE);
        dialer = rings.dialer();
        DefaultAgiServer agi = startAgi();
        try {
            QueueMembers.removeAll(dialer, QUEUE);
            for (int i = 1; i <= AGENTS; i++) {
                QueueAddAction add = new QueueAddAction(QUEUE,
                        CallSetupBenchmark.MEMBER_INTERFACE.replace("{agent}", "race" + i));
                add.setMemberName("race" + i);
                dialer.sendAction(add, 5_000);
            }
            assertThat(QueueMembers.names(dialer, QUEUE)).hasSize(AGENTS);
            // Untimed warm-up of both paths (the AGI server's JIT, Asterisk's caches).
            for (int round = 0; round < 2; round++) {
                calls("q-" + QUEUE, CONCURRENT);
                calls("vr-", CONCURRENT);
                calls("vd-", CONCURRENT);
            }
            CallSetupBenchmark.Samples direct1 = new CallSetupBenchmark.Samples();
            CallSetupBenchmark.Samples link1 = new CallSetupBenchmark.Samples();
            CallSetupBenchmark.Samples db1 = new CallSetupBenchmark.Samples();
            for (int i = 0; i < SINGLE; i++) {
                direct1.add(calls("q-" + QUEUE, 1));
                link1.add(calls("vr-", 1));
                db1.add(calls("vd-", 1));
            }
            CallSetupBenchmark.Samples directN = new CallSetupBenchmark.Samples();
            CallSetupBenchmark.Samples linkN = new CallSetupBenchmark.Samples();
            CallSetupBenchmark.Samples dbN = new CallSetupBenchmark.Samples();
            for (int round = 0; round < ROUNDS; round++) {
                directN.add(calls("q-" + QUEUE, CONCURRENT));
                linkN.add(calls("vr-", CONCURRENT));
                dbN.add(calls("vd-", CONCURRENT));
            }
            report("1 at a time", direct1, link1, db1);
            report(CONCURRENT + " at once (" + ROUNDS + " rounds)", directN, linkN, dbN);
            assertThat(rings.failedOriginates()).as("originates that failed").isZero();
            assertThat(agiFailed.get()).as("FastAGI server start failures").isZero();
            assertThat(linked.get()).as("voice links the AGI answered").isGreaterThanOrEqualTo(SINGLE + CONCURRENT * ROUNDS);
            assertThat(linkN.setup).hasSize(CONCURRENT * ROUNDS);
            assertThat(dbN.setup).hasSize(CONCURRENT * ROUNDS);
        } finally {
            rings.hangUpLeftovers();
            agi.shutdown();
            QueueMembers.removeAll(dialer, QUEUE);
            rings.close();
        }
    }

    /**
     * The adapter's AGI stack answering every voice link at once: asterisk-java's FastAGI server on the
     * dialplan's port, the adapter's channel without the status variable, one SET VARIABLE.
     */
    private DefaultAgiServer startAgi() {
        AgiScript link = new AgiScript() {
            @Override
            public void service(AgiRequest request, AgiChannel channel) throws AgiException {
                channel.setVariable("DATAIVR_LINK", UUID.randomUUID() + ":" + QUEUE);
                linked.incrementAndGet();
            }
        };
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        mapping.setMappings(Map.of("voice-link", link));
        DefaultAgiServer server = new DefaultAgiServer(null, mapping, NoStatusAgiChannel.FACTORY);
        server.setPoolSize(CONCURRENT);
        server.setMaximumPoolSize(Math.max(CONCURRENT, server.getMaximumPoolSize()));
        try {
            server.setAddress(InetAddress.getLoopbackAddress());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        server.setPort(AGI_PORT);
        Thread thread = new Thread(() -> {
            try {
                server.startup();
            } catch (Exception e) {
                agiFailed.incrementAndGet();
                System.out.println("setup: the FastAGI port " + AGI_PORT + " is taken (an adapter running?): "
                        + e.getMessage());
            }
        }, "floor-agi");
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    /** {@code count} calls of one path at once; each sample: Originate sent → agent ringing. */
    private CallSetupBenchmark.Samples calls(String exten, int count) throws Exception {
        List<Long> started = new ArrayList<>();
        List<CompletableFuture<Long>> rang = new ArrayList<>();
        ProcessCpu.Sample before = ProcessCpu.sample(0);
        for (int i = 0; i < count; i++) {
            String id = "fl" + sequence.incrementAndGet();
            rang.add(rings.expect(id));
            started.add(CallSetupBenchmark.nowMicros());
            boolean link = exten.equals("vr-") || exten.equals("vd-");
            if (exten.equals("vd-")) {
                // The session's link, its queue and the calling endpoint (none for a Local channel).
                dialer.sendAction(new DbPutAction("dataivr-link", "vd-" + id, UUID.randomUUID() + ":" + QUEUE + ":"),
                        response -> { });
            }
            OriginateAction originate = CustomerCalls.dialling(link ? exten + id : exten, id, 60);
            originate.setCallerId(id);
            originate.setVariable("__DATAIVR_TEST_TALK", "0.05");
            dialer.sendAction(originate, response -> { });
        }
        CallSetupBenchmark.Samples samples = new CallSetupBenchmark.Samples();
        for (int i = 0; i < count; i++) {
            samples.setup.add(rang.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS) - started.get(i));
        }
        samples.timed(before, ProcessCpu.sample(0), count);
        allCallsOver();
        return samples;
    }


    /** No call of this benchmark left in Asterisk: every agent is free for the next round. */
    private void allCallsOver() {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> {
            for (ManagerEvent event : dialer.sendEventGeneratingAction(new CoreShowChannelsAction(), 5_000)
                    .getEvents()) {
                if (event instanceof CoreShowChannelEvent channel && channel.getChannel() != null
                        && channel.getChannel().matches("Local/(q-" + QUEUE + "|vr-|vd-|race[0-9]+).*")) {
                    return false;
                }
            }
            return true;
        });
    }

    private static void report(String load, CallSetupBenchmark.Samples direct, CallSetupBenchmark.Samples link,
            CallSetupBenchmark.Samples astdb) {
        System.out.printf("floor: %s, n=%d each: %s%n", load, direct.setup.size(),
                link.against(direct, "voice-link dialplan (no adapter)"));
        System.out.printf("floor: %s, n=%d each: %s%n", load, direct.setup.size(),
                astdb.against(direct, "AstDB link, no FastAGI (DBPut + vd- extension)"));
        System.out.printf("floor: %s, from the first dial to the last ring, direct dial: %s%n", load,
                direct.cpu.perCall(direct.timedCalls));
        System.out.printf("floor: %s, from the first dial to the last ring, voice-link dialplan: %s%n", load,
                link.cpu.perCall(link.timedCalls));
        System.out.printf("floor: %s, from the first dial to the last ring, AstDB link: %s%n", load,
                astdb.cpu.perCall(astdb.timedCalls));
    }
}
