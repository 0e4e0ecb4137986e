package io.dataivr.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataivr.report.QueueFigures;
import io.dataivr.report.SessionCounts;
import io.dataivr.report.Wallboard;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The wallboard as {@code GET /api/v1/wallboard} and {@code /ws/v1/wallboard} send it (docs/admin-api.md,
 * "Wallboard"): {@code type} {@code wallboard} is the whole board, {@code update} only the queues that changed.
 * Times are ISO-8601 instants; seconds are counted at {@code at}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WallboardView(String type, String at, String day, String zone, int serviceLevelSeconds,
        BoardSessionsView sessions, List<BoardQueueView> queues) {

    public record BoardSessionsView(int total, int ended, int contained, Double containment) {
    }

    public record BoardQueueView(String queue, int waitingCount, Long longestWaitSeconds, List<BoardCallerView> waiting,
            List<BoardAgentView> fifo, List<BoardAgentView> agents, BoardFiguresView today) {
    }

    public record BoardCallerView(int position, String origin, String since, long waitSeconds) {
    }

    public record BoardAgentView(String agent, String state, String since, long seconds, String pauseReason) {
    }

    public record BoardFiguresView(int offered, int answered, int abandoned, Double averageWaitSeconds,
            Double longestWaitSeconds, Double averageHandleSeconds, Double serviceLevel) {
    }

    /** The whole board. */
    public static WallboardView of(Wallboard board) {
        return of("wallboard", board, board.queues().stream().map(Wallboard.QueueBoard::queue).toList());
    }

    /** The queues of {@code changed} only. */
    public static WallboardView update(Wallboard board, List<String> changed) {
        return of("update", board, changed);
    }

    private static WallboardView of(String type, Wallboard board, List<String> queues) {
        Instant at = board.at();
        SessionCounts s = board.sessions();
        List<BoardQueueView> views = board.queues().stream().filter(q -> queues.contains(q.queue()))
                .map(q -> queue(q, at)).toList();
        return new WallboardView(type, at.toString(), board.day().date().toString(), board.day().zone().getId(),
                board.serviceLevelSeconds(), new BoardSessionsView(s.sessions(), s.ended(), s.contained(), s.containment()),
                views);
    }

    private static BoardQueueView queue(Wallboard.QueueBoard q, Instant at) {
        List<BoardCallerView> callers = new ArrayList<>();
        int position = 1;
        for (Wallboard.WaitingCaller caller : q.waiting()) {
            callers.add(new BoardCallerView(position++, caller.origin().name().toLowerCase(Locale.ROOT),
                    caller.since().toString(), seconds(caller.since(), at)));
        }
        Instant longest = q.longestSince();
        List<BoardAgentView> fifo = q.fifo().stream()
                .map(a -> new BoardAgentView(a.name(), state(a.state()), a.since().toString(), seconds(a.since(), at), null))
                .toList();
        List<BoardAgentView> agents = q.agents().stream()
                .map(a -> new BoardAgentView(a.name(), state(a.state()), a.since().toString(), seconds(a.since(), at),
                        a.pauseReason()))
                .toList();
        return new BoardQueueView(q.queue(), callers.size(), longest == null ? null : seconds(longest, at), callers, fifo,
                agents, figures(q.today()));
    }

    private static BoardFiguresView figures(QueueFigures f) {
        return new BoardFiguresView(f.offered(), f.answered(), f.abandoned(), secs(f.averageWait()), secs(f.longestWait()),
                secs(f.averageHandle()), f.serviceLevel());
    }

    private static String state(Enum<?> state) {
        return state.name(); // as the agents API names them: IDLE, RINGING, TALKING, WRAP_UP, PAUSED
    }

    private static long seconds(Instant since, Instant at) {
        return Math.max(0, Duration.between(since, at).toSeconds());
    }

    private static Double secs(Duration d) {
        return d == null ? null : Math.round(d.toMillis() / 100.0) / 10.0;
    }
}
