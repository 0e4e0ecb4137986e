package io.dataivr.agent;

import java.time.Clock;

/**
 * The agent feature's three faces over one roster ({@link AgentRoster}, the FIFO and the agents'
 * states): an agent's own use cases, the rules queue calls follow, and the reconciler with Asterisk.
 */
public record AgentFeature(AgentService service, QueueCallRules rules, FifoReconciler reconciler) {

    public static AgentFeature over(QueueMembership membership, IdleAgentMirror mirror, AgentStateLog stateLog,
            AgentProperties properties, AgentTimer timer, Clock clock) {
        AgentRoster roster = new AgentRoster(membership, mirror, stateLog, properties, timer, clock);
        return new AgentFeature(new AgentService(roster), new QueueCallRules(roster), new FifoReconciler(roster));
    }

    /** Default settings, wrap-ups ended at once (tests, benchmarks). */
    public static AgentFeature over(QueueMembership membership, IdleAgentMirror mirror, AgentStateLog stateLog) {
        return over(membership, mirror, stateLog, AgentProperties.defaults(), (delay, task) -> task.run(),
                Clock.systemUTC());
    }
}
