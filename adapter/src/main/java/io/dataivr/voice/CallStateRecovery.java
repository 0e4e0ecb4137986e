package io.dataivr.voice;

import io.dataivr.agent.FifoReconciler;
import io.dataivr.call.CallInProgress;
import io.dataivr.call.CallOutcome;
import io.dataivr.call.QueueCalls;
import io.dataivr.session.recovery.SessionRecovery;
import io.dataivr.session.call.VoiceCallService;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run on every AMI (re)connect before the queues are rebuilt: the calls Asterisk holds (which outlive
 * an adapter killed or restarted) set the agents on them (FifoReconciler) and are linked to their
 * sessions again (SessionRecovery); the calls the database holds open that Asterisk no longer has
 * (they ended while no adapter ran) are closed, and so are the calls this adapter followed that ended
 * while the connection was down (their events were lost). After an Asterisk restart
 * ({@link #afterAsteriskRestart}) only the calls are closed: the agents are restored by FifoReconciler.
 * Nothing is closed when Asterisk could not be read.
 */
final class CallStateRecovery implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CallStateRecovery.class);

    private final QueueCalls asterisk;
    private final FifoReconciler agents;
    private final SessionRecovery sessions;
    private final List<String> queues;

    CallStateRecovery(QueueCalls asterisk, FifoReconciler agents, SessionRecovery sessions, List<String> queues) {
        this.asterisk = asterisk;
        this.agents = agents;
        this.sessions = sessions;
        this.queues = List.copyOf(queues);
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        VoiceCallService.Followed followed = sessions.followed();
        QueueCalls.Snapshot held = asterisk.snapshot();
        List<CallInProgress> calls = held.calls();
        agents.recoverCalls(calls, queues);
        int linked = sessions.recover(calls);
        int closed = sessions.closeEndedWhileDown(calls, held.channels());
        int unseen = sessions.closeGone(followed, held.channels(), CallOutcome.ENDED_WHILE_AMI_DOWN);
        log.info("calls in progress read from Asterisk: {} ({} linked to their sessions again, {} ended while no"
                + " adapter ran closed, {} ended while disconnected closed) in {} ms", calls.size(), linked, closed,
                unseen, (System.nanoTime() - start) / 1_000_000);
    }

    /** Asterisk restarted: the calls this adapter followed are gone with it; each is ended. */
    void afterAsteriskRestart() {
        VoiceCallService.Followed followed = sessions.followed();
        int cut = sessions.closeGone(followed, asterisk.snapshot().channels(), CallOutcome.CUT_BY_ASTERISK_RESTART);
        log.info("Asterisk restarted: {} calls it held ended", cut);
    }
}
