package io.dataivr.signin;

import io.dataivr.agent.AgentName;
import java.util.Objects;

/**
 * A person who signs in: its name (an agent's is its agent name; every name follows the agent-name
 * rule), its role, and its password hash in Spring Security's {@code {id}hash} form.
 */
public record ConsoleUser(String name, Role role, String passwordHash) {

    public ConsoleUser {
        AgentName.require(name);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "ConsoleUser[name=" + name + ", role=" + role.id() + "]";
    }
}
