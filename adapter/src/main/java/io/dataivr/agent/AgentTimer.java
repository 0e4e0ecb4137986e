package io.dataivr.agent;

import java.time.Duration;

/** Runs a task later (wrap-up ends); a fake in unit tests runs it when the test says. */
@FunctionalInterface
public interface AgentTimer {
    void schedule(Duration delay, Runnable task);
}
