package io.dataivr.voice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;

/**
 * The idle-agent FIFO rebuilt from a watched AMI event stream, checking that every ring goes to the
 * agent the FIFO says (asterisk-config/README.md, "Strict FIFO order", explains the rule).
 *
 * <p>Model: the queue's members in the order they were added ({@link #start}); AgentConnect takes the
 * agent out (the adapter removes it), AgentComplete appends it at the tail. An agent of the model is
 * <em>free</em> unless it is ringing (AgentCalled without AgentConnect or AgentRingNoAnswer yet),
 * reserved (below), or its device is in use by Asterisk's last word (QueueMemberAdded/QueueMemberStatus
 * Status other than 0 unknown or 1 not in use: with {@code ringinuse=no} app_queue does not ring it;
 * a Local-channel agent re-added while its last call's channel is still being hung up is such a case).
 *
 * <p>Rule: an AgentCalled must ring the first free agent. app_queue lets several waiting callers pick
 * members at once (autofill): each reserves the first member nobody has reserved ({@code ringinuse=no})
 * and only then creates the agent's channel and sends AgentCalled, so two callers' AgentCalled may come
 * in the other order. So a ring may pass over free agents only if each of them is rung within the
 * window (by Asterisk's event timestamps): it was reserved by a caller whose AgentCalled was still on
 * its way. A free agent passed over and not rung within the window, or a ring of an agent that is not
 * in the model (busy or not a member), is a violation.
 */
final class FifoModel {

    private final String queue;
    private final double windowSeconds;
    private final List<String> fifo = new ArrayList<>();
    private final Map<String, String> ringing = new HashMap<>();
    private final Map<String, Integer> deviceStatus = new HashMap<>();
    /** Agents passed over by a ring, with the timestamp of that ring (seconds). */
    private final Map<String, Double> reserved = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();
    /** Agents passed over and not rung within the window, with their violation. */
    private final Map<String, Late> late = new HashMap<>();
    private int rungLate;
    private double maxLateSeconds;
    private int rings;
    private int inOrder;
    private int passedOver;
    private int passedOverInUse;
    private int maxDepth;
    private double maxLagSeconds;
    private boolean started;

    FifoModel(String queue, double windowSeconds) {
        this.queue = queue;
        this.windowSeconds = windowSeconds;
    }

    /** The members in the order they were added: the FIFO before the first call. */
    synchronized void start(List<String> members) {
        fifo.clear();
        fifo.addAll(members);
        started = true;
    }

    synchronized void on(ManagerEvent event) {
        if (!started) {
            return;
        }
        if (event instanceof AgentCalledEvent e && queue.equals(e.getQueue())) {
            rang(e.getMemberName(), e.getUniqueId(), seconds(e));
        } else if (event instanceof AgentConnectEvent e && queue.equals(e.getQueue())) {
            fifo.remove(e.getMemberName());
            ringing.remove(e.getMemberName());
        } else if (event instanceof AgentCompleteEvent e && queue.equals(e.getQueue())) {
            fifo.remove(e.getMemberName());
            fifo.add(e.getMemberName());
        } else if (event instanceof AgentRingNoAnswerEvent e && queue.equals(e.getQueue())) {
            ringing.remove(e.getMemberName());
        } else if (event instanceof QueueMemberEvent e && queue.equals(e.getQueue())) {
            deviceStatus.put(e.getMemberName(), e.getStatus());
        } else if (event instanceof QueueMemberAddedEvent e && queue.equals(e.getQueue())) {
            deviceStatus.put(e.getMemberName(), e.getStatus());
        }
    }

    private void rang(String agent, String caller, double at) {
        expire(at);
        rings++;
        if (!fifo.contains(agent) || ringing.containsKey(agent)) {
            violations.add(String.format("%.6f %s rung for %s but it is not a free agent of the FIFO %s", at, agent,
                    caller, fifo));
            return;
        }
        Double reservedAt = reserved.remove(agent);
        Late wasLate = late.remove(agent);
        if (wasLate != null) {
            // Not in order all the same; said so that a late ring can be told from an agent left idle.
            double after = at - wasLate.passedOverAt();
            violations.set(wasLate.violation(), violations.get(wasLate.violation())
                    + String.format("; rung %.1f ms after", after * 1000));
            rungLate++;
            maxLateSeconds = Math.max(maxLateSeconds, after);
        }
        int depth = 0;
        boolean overInUse = false;
        for (String ahead : fifo) {
            if (ahead.equals(agent)) {
                break;
            }
            if (ringing.containsKey(ahead) || reserved.containsKey(ahead)) {
                continue;
            }
            if (!deviceFree(ahead)) {
                overInUse = true;
            } else {
                reserved.put(ahead, at);
                depth++;
            }
        }
        if (overInUse) {
            passedOverInUse++;
        }
        if (reservedAt != null) {
            maxLagSeconds = Math.max(maxLagSeconds, at - reservedAt);
        }
        if (depth == 0 && reservedAt == null) {
            inOrder++;
        } else {
            passedOver++;
            maxDepth = Math.max(maxDepth, depth);
        }
        ringing.put(agent, caller);
    }

    private boolean deviceFree(String agent) {
        Integer status = deviceStatus.get(agent);
        return status == null || status == 0 || status == 1;
    }

    private void expire(double now) {
        for (Iterator<Map.Entry<String, Double>> it = reserved.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Double> entry = it.next();
            if (now - entry.getValue() > windowSeconds) {
                late.put(entry.getKey(), new Late(violations.size(), entry.getValue()));
                violations.add(String.format("%.6f %s was passed over and not rung within %.0f ms (device status %s)",
                        entry.getValue(), entry.getKey(), windowSeconds * 1000, deviceStatus.get(entry.getKey())));
                it.remove();
            }
        }
    }

    /** Ends the check: an agent passed over and never rung is a violation. */
    synchronized List<String> violations() {
        expire(Double.MAX_VALUE);
        return Collections.unmodifiableList(new ArrayList<>(violations));
    }

    synchronized String summary() {
        return String.format("%d rings: %d to the first free agent, %d in-flight reorders (a ring passed over"
                + " free agents rung within %.0f ms; deepest %d, latest %.1f ms after), %d passed over an idle agent"
                + " whose device Asterisk still had in use, %d violations (of which rung later: %d, at most %.1f ms"
                + " after)", rings, inOrder, passedOver, windowSeconds * 1000, maxDepth, maxLagSeconds * 1000,
                passedOverInUse, violations().size(), rungLate, maxLateSeconds * 1000);
    }

    /** A violation's index in the list, and when the agent was passed over (seconds). */
    private record Late(int violation, double passedOverAt) {
    }

    /** Asterisk's timestamp of the event ({@code timestampevents = yes}), in seconds since the epoch. */
    static double seconds(ManagerEvent event) {
        if (event.getTimestamp() == null) {
            throw new IllegalStateException("AMI events carry no Timestamp: set timestampevents = yes in manager.conf");
        }
        return event.getTimestamp();
    }

    static long micros(ManagerEvent event) {
        return Math.round(seconds(event) * 1_000_000);
    }
}
