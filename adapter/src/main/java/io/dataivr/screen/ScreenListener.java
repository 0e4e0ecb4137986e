package io.dataivr.screen;

/** Told whenever an agent's screen changes (the agent-facing transports push it). */
public interface ScreenListener {
    void screenChanged(AgentScreen screen);
}
