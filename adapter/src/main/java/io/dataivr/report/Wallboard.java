package io.dataivr.report;

import io.dataivr.agent.AgentState;
import java.time.Instant;
import java.util.List;

/**
 * What the wallboard shows at {@code at}: each queue's live state and today's figures, and today's sessions.
 * Times are instants (the page counts the seconds on from them).
 */
public record Wallboard(Instant at, ReportDay day, int serviceLevelSeconds, List<QueueBoard> queues,
        SessionCounts sessions) {

    public Wallboard {
        queues = List.copyOf(queues);
    }

    /** One queue: callers waiting (first in line first), the idle-agent FIFO (head first), its agents, its figures. */
    public record QueueBoard(String queue, List<WaitingCaller> waiting, List<FifoAgent> fifo, List<AgentOnBoard> agents,
            QueueFigures today) {

        public QueueBoard {
            waiting = List.copyOf(waiting);
            fifo = List.copyOf(fifo);
            agents = List.copyOf(agents);
        }

        /** When the caller waiting longest joined; null when nobody waits. */
        public Instant longestSince() {
            return waiting.stream().map(WaitingCaller::since).min(Instant::compareTo).orElse(null);
        }
    }

    /** A caller in the queue since {@code since}, from {@code origin}. */
    public record WaitingCaller(Instant since, CallOrigin origin) {
    }

    /** An agent in the FIFO: idle since {@code since} (or ringing for a call since then, keeping its place). */
    public record FifoAgent(String name, AgentState state, Instant since) {
    }

    /** An agent logged in to the queue: its state since {@code since}, and why it pauses (or will, after its call). */
    public record AgentOnBoard(String name, AgentState state, Instant since, String pauseReason) {
    }

    public QueueBoard queue(String name) {
        return queues.stream().filter(q -> q.queue().equals(name)).findFirst().orElseThrow();
    }
}
