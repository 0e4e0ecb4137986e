package io.dataivr.report;

import io.dataivr.agent.Agent;
import io.dataivr.agent.AgentService;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.call.WaitingCallers;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The queues as they are now: the callers waiting ({@link WaitingCallers}, from the queue call events, with
 * their {@link CallOrigins origin}), the idle-agent FIFO and the agents (read from {@link AgentService}).
 */
final class LiveQueues {

    private final AgentService agents;
    private final CallOrigins origins;
    private final List<String> queues;
    private final Clock clock;
    private final WaitingCallers waiting = new WaitingCallers();

    LiveQueues(AgentService agents, CallOrigins origins, List<String> queues, Clock clock) {
        this.agents = agents;
        this.origins = origins;
        this.queues = List.copyOf(queues);
        this.clock = clock;
    }

    List<String> queues() {
        return queues;
    }

    /** Follows a queue call event: true when a queue's waiting callers changed. */
    boolean on(QueueCallEvent event) {
        return queues.contains(event.queue()) && waiting.on(event, clock.instant());
    }

    /** Every queue's board now, with {@code report}'s figures. */
    List<Wallboard.QueueBoard> boards(DayReport report) {
        Map<String, Agent> loggedIn = agents.agents().stream()
                .collect(Collectors.toMap(Agent::name, Function.identity(), (a, b) -> a));
        Map<String, Instant> since = loggedIn.keySet().stream()
                .collect(Collectors.toMap(Function.identity(), this::since));
        List<Wallboard.QueueBoard> boards = new ArrayList<>(queues.size());
        for (String queue : queues) {
            List<Wallboard.WaitingCaller> callers = waiting.in(queue).stream()
                    .map(w -> new Wallboard.WaitingCaller(w.since(), origins.of(w.channel()))).toList();
            List<Wallboard.FifoAgent> fifo = new ArrayList<>();
            for (String name : agents.idleAgents(queue)) {
                Agent agent = loggedIn.get(name);
                if (agent != null) {
                    fifo.add(new Wallboard.FifoAgent(name, agent.state(), since.get(name)));
                }
            }
            List<Wallboard.AgentOnBoard> members = loggedIn.values().stream()
                    .filter(a -> a.queues().contains(queue))
                    .map(a -> new Wallboard.AgentOnBoard(a.name(), a.state(), since.get(a.name()), a.pauseReason()))
                    .sorted(java.util.Comparator.comparing(Wallboard.AgentOnBoard::name))
                    .toList();
            boards.add(new Wallboard.QueueBoard(queue, callers, fifo, members, report.queue(queue)));
        }
        return boards;
    }

    private Instant since(String agent) {
        Instant at = agents.since(agent);
        return at == null ? clock.instant() : at;
    }
}
