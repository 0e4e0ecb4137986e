package io.dataivr.voice;

import io.dataivr.call.ChannelId;
import io.dataivr.call.QueueCallEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run on every AMI (re)connect, after the calls in progress are recovered: reads the callers waiting in
 * each of the adapter's queues from Asterisk (QueueStatus: its QueueEntry events, with each caller's
 * position and wait) and tells them, first in line first, as {@link QueueCallEvent.CallerFound}. So the
 * wallboard, the waiting-caller gauges and the apps' positions also know the callers who joined while no
 * events were followed: before the adapter started, or during an AMI outage.
 */
final class WaitingCallersFound implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(WaitingCallersFound.class);

    private final AmiGateway gateway;
    private final List<String> queues;
    private final Clock clock;

    WaitingCallersFound(AmiGateway gateway, List<String> queues, Clock clock) {
        this.gateway = gateway;
        this.queues = List.copyOf(queues);
        this.clock = clock;
    }

    @Override
    public void run() {
        int found = 0;
        for (String queue : queues) {
            for (QueueCallEvent.CallerFound caller : waitingIn(queue)) {
                gateway.tellFound(caller);
                found++;
            }
        }
        log.info("callers waiting in the queues read from Asterisk: {}", found);
    }

    /** The callers waiting in {@code queue} now, first in line first. */
    private List<QueueCallEvent.CallerFound> waitingIn(String queue) {
        QueueStatusAction status = new QueueStatusAction();
        status.setQueue(queue);
        Collection<ResponseEvent> events = gateway.query(status, "read the callers waiting in " + queue).getEvents();
        Instant now = clock.instant();
        List<QueueCallEvent.CallerFound> callers = new ArrayList<>();
        for (ResponseEvent event : events) {
            if (event instanceof QueueEntryEvent entry && queue.equals(entry.getQueue()) && entry.getUniqueId() != null) {
                long waited = entry.getWait() == null ? 0 : Math.max(0, entry.getWait());
                callers.add(new QueueCallEvent.CallerFound(queue, ChannelId.of(entry.getUniqueId()),
                        entry.getPosition() == null ? 0 : entry.getPosition(), now.minusSeconds(waited)));
            }
        }
        callers.sort(Comparator.comparingInt(QueueCallEvent.CallerFound::position));
        return callers;
    }
}
