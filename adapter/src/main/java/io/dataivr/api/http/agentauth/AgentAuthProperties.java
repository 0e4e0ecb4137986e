package io.dataivr.api.http.agentauth;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the agent endpoints (keys commented in application.yml). There is no default: while
 * no agent has a password and no admin is configured, every agent request is refused.
 *
 * @param passwordFile one line per agent, {@code NAME:HASH} (a Spring Security hash such as
 *                     {@code {bcrypt}$2a$10$…}, or a bare bcrypt hash); blank lines and {@code #}
 *                     comments are skipped. Made with {@code ./dataivr hash-password}.
 * @param passwords    agent name to password in clear, for development and tests; an agent named in
 *                     both is an error
 */
@ConfigurationProperties("dataivr.agent-auth")
public record AgentAuthProperties(String passwordFile, Map<String, String> passwords) {

    public AgentAuthProperties {
        passwords = passwords == null ? Map.of() : Map.copyOf(passwords);
        passwordFile = passwordFile == null || passwordFile.isBlank() ? null : passwordFile.strip();
    }

    /** Never prints a password. */
    @Override
    public String toString() {
        return "AgentAuthProperties[passwordFile=" + passwordFile + ", passwords for " + passwords.keySet() + "]";
    }
}
