package io.dataivr.agent;

/** Told when an agent's desk phone can no longer be reached (unregistered, or failed its qualify). */
public interface AgentPhoneListener {
    void phoneUnavailable(String agent);
}
