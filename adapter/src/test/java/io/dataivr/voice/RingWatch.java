package io.dataivr.voice;

import io.dataivr.fixtures.TestAmi;
import io.dataivr.fixtures.AsteriskAccounts;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.FilterAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;

/**
 * The call set-up benchmarks' clock and dialler: an AMI session of its own that sees each benchmark call's
 * agent ring (AgentCalled's own timestamp, Asterisk's clock) and counts failed Originates, and one with
 * events off that sends the Originates. A call is known by the Uniqueid {@code ID-b} of its queue leg
 * ({@link io.dataivr.fixtures.CustomerCalls}).
 */
final class RingWatch implements AutoCloseable {

    private final String queue;
    private final ManagerConnection watch;
    private final ManagerConnection dialer;
    private final Map<String, CompletableFuture<Long>> ringing = new ConcurrentHashMap<>();
    private final AtomicInteger failed = new AtomicInteger();

    private RingWatch(String queue) throws Exception {
        this.queue = queue;
        ManagerConnectionFactory factory = TestAmi.factory();
        watch = factory.createManagerConnection();
        watch.addEventListener(this::on);
        watch.login("agent,call"); // AgentCalled, OriginateResponse
        watch.sendAction(new FilterAction("^Event: (AgentCalled|OriginateResponse)[[:space:]]"), 5_000);
        dialer = factory.createManagerConnection();
        dialer.login("off");
    }

    /**
     * Watches the agents of {@code queue} ring, once Asterisk has that queue and this checkout's
     * dataivr-customer context (another checkout's test run may have pushed its own into the shared Asterisk).
     */
    static RingWatch open(String queue) throws Exception {
        AsteriskAccounts.requireQueue(queue);
        AsteriskAccounts.requireDialplan("dataivr-customer", VoiceLinkDialplanIntegrationTests.THIS_DIALPLAN);
        return new RingWatch(queue);
    }

    /** The AMI session (events off) that dials and asks. */
    ManagerConnection dialer() {
        return dialer;
    }

    /** When the agent rang for the call {@code id} (µs, Asterisk's clock), once it has. */
    CompletableFuture<Long> expect(String id) {
        CompletableFuture<Long> rang = new CompletableFuture<>();
        ringing.put(id + "-b", rang);
        return rang;
    }

    /** Originates Asterisk answered with a Failure. */
    int failedOriginates() {
        return failed.get();
    }

    /** Hangs up whatever calls the benchmark left: its callers (q-QUEUE, vr-…, vd-…) and the race agents. */
    void hangUpLeftovers() {
        try {
            dialer.sendAction(new HangupAction("/^Local\\/(q-" + queue + "|vr-|vd-|race[0-9]+).*/"), 5_000);
        } catch (Exception e) {
            // nothing left to hang up
        }
    }

    @Override
    public void close() {
        dialer.logoff();
        watch.logoff();
    }

    private void on(ManagerEvent event) {
        if (event instanceof AgentCalledEvent e && queue.equals(e.getQueue())) {
            CompletableFuture<Long> rang = ringing.remove(e.getUniqueId());
            if (rang != null) {
                rang.complete(FifoModel.micros(e));
            }
        } else if (event instanceof OriginateResponseEvent e && "Failure".equalsIgnoreCase(e.getResponse())) {
            failed.incrementAndGet();
        }
    }
}
