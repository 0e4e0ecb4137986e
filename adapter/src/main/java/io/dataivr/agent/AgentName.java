package io.dataivr.agent;

import java.util.regex.Pattern;

/**
 * An agent's name, the one rule for every face (REST, the screen socket, feature codes, passwords): 1-64
 * of {@code [A-Za-z0-9_-]}, as its PJSIP endpoint and its queue member name are spelled.
 */
public record AgentName(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public AgentName {
        if (!valid(value)) {
            throw new InvalidAgentName();
        }
    }

    /** The name, checked; INVALID_AGENT_NAME (AGENT_NAME_INVALID) when it is not one. */
    public static String require(String value) {
        return new AgentName(value).value();
    }

    public static boolean valid(String value) {
        return value != null && FORM.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
