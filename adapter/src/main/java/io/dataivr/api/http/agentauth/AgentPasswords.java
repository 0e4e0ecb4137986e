package io.dataivr.api.http.agentauth;

import io.dataivr.agent.AgentName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The agents' stored passwords, read once at start from {@link AgentAuthProperties}: agent name to a
 * hash in Spring Security's {@code {id}hash} form. Errors name the file and line, never a secret.
 */
public final class AgentPasswords {

    private static final Set<String> HASH_KINDS = Set.of("bcrypt", "argon2", "scrypt", "pbkdf2");
    private static final Pattern BARE_BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    private AgentPasswords() {
    }

    public static Map<String, String> read(AgentAuthProperties properties) {
        Map<String, String> hashes = new LinkedHashMap<>();
        if (properties.passwordFile() != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(properties.passwordFile()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("dataivr.agent-auth.password-file: cannot read "
                        + properties.passwordFile() + " (" + e.getClass().getSimpleName() + ")");
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String where = properties.passwordFile() + " line " + (i + 1);
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalStateException(where + ": expected NAME:HASH");
                }
                String name = requireName(line.substring(0, colon).strip(), where);
                if (hashes.put(name, storedHash(line.substring(colon + 1), where)) != null) {
                    throw new IllegalStateException(where + ": agent " + name + " appears twice");
                }
            }
        }
        BCryptPasswordEncoder fast = new BCryptPasswordEncoder(4);
        properties.passwords().forEach((name, password) -> {
            String where = "dataivr.agent-auth.passwords." + name;
            requireName(name, where);
            if (password == null || password.isBlank()) {
                throw new IllegalStateException(where + " is empty");
            }
            if (hashes.put(name, "{bcrypt}" + fast.encode(password)) != null) {
                throw new IllegalStateException(where + ": agent " + name + " also has a line in the password file");
            }
        });
        return hashes;
    }

    private static String requireName(String name, String where) {
        if (!AgentName.valid(name)) {
            throw new IllegalStateException(where + ": an agent name is 1-64 of [A-Za-z0-9_-]");
        }
        return name;
    }

    /** The hash as the delegating password encoder reads it; a bare bcrypt hash gets its prefix. */
    static String storedHash(String hash, String where) {
        String trimmed = hash.strip();
        if (trimmed.startsWith("{")) {
            String id = trimmed.substring(1, Math.max(1, trimmed.indexOf('}')));
            if (!HASH_KINDS.contains(id.replaceFirst("@.*", ""))) {
                throw new IllegalStateException(where + ": unknown hash kind {" + id + "} (use {bcrypt}…)");
            }
            return trimmed;
        }
        if (BARE_BCRYPT.matcher(trimmed).matches()) {
            return "{bcrypt}" + trimmed;
        }
        throw new IllegalStateException(where + ": not a bcrypt hash nor a {id}hash (./dataivr hash-password)");
    }
}
