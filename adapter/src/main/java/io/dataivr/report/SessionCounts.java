package io.dataivr.report;

/**
 * A day's consultation sessions (started that day): how many, how many have ended, and how many ended without
 * asking for an agent (no voice call: contained by self-service).
 */
public record SessionCounts(int sessions, int ended, int contained) {

    public static final SessionCounts NONE = new SessionCounts(0, 0, 0);

    /** Contained sessions ÷ all sessions of the day (0 to 1); null when there were none. */
    public Double containment() {
        return sessions == 0 ? null : (double) contained / sessions;
    }
}
