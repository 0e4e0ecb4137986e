package io.dataivr.screen;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an agent's screen shows (claims 4-5): who is calling, the path they took through the menu
 * and what they are looking at now; {@code caller} is null while no customer is on the line.
 */
public record AgentScreen(String agent, String state, Caller caller) {

    public static AgentScreen idle(String agent) {
        return new AgentScreen(agent, "no-call", null);
    }

    /**
     * @param callState ringing or talking
     * @param request   the voice request (the call record's id)
     */
    public record Caller(String session, String clientRef, String language, String menu, int menuVersion,
            String callState, String request, List<Step> path, Viewing viewing) {

        public Caller {
            path = List.copyOf(path);
        }
    }

    /**
     * One item the customer chose; {@code duringCall} is true when they were already in a call. {@code labels}
     * are in the session's language, {@code labelsIn} in each language of the menu (the agent's may differ).
     */
    public record Step(String item, List<String> labels, String kind, boolean duringCall, Instant at,
            Map<String, List<String>> labelsIn) {
    }

    /** The level or content the customer has on screen now (labels as in {@link Step}). */
    public record Viewing(List<String> path, List<String> labels, String kind, Instant since,
            Map<String, List<String>> labelsIn) {
    }
}
