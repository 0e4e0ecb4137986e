package io.dataivr.api.http.signin;

import io.dataivr.agent.AgentName;
import io.dataivr.signin.ConsoleUser;
import io.dataivr.signin.ConsoleUserStore;
import io.dataivr.signin.Role;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Everyone who may sign in, from three sources (docs/sign-in.md): the agents' password file and
 * {@code dataivr.agent-auth.passwords} (role agent), the admin of {@code dataivr.admin} (role admin),
 * and the users table of {@code ./dataivr user add} (any role). Names are matched exactly; a name
 * defined twice is an error at start and, if the table gets it later, is refused.
 */
final class PeopleDirectory implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(PeopleDirectory.class);

    private final Map<String, String> agentHashes;
    private final String adminName;
    private final UserDetailsService admin;
    private final ConsoleUserStore table;

    /**
     * @param agentHashes agent name to stored hash (agentauth.AgentPasswords)
     * @param adminName   the configured admin's name, or null
     * @param admin       the configured admin (security.AdminUserConfiguration)
     */
    PeopleDirectory(Map<String, String> agentHashes, String adminName, UserDetailsService admin,
            ConsoleUserStore table) {
        if (adminName != null && agentHashes.containsKey(adminName)) {
            throw new IllegalStateException("agent " + adminName + " has the admin's user name; rename one");
        }
        this.agentHashes = Map.copyOf(agentHashes);
        this.adminName = adminName;
        this.admin = admin;
        this.table = table;
    }

    /** The names the settings define (agents, then the admin). */
    Set<String> configuredNames() {
        Set<String> names = new LinkedHashSet<>(agentHashes.keySet());
        if (adminName != null) {
            names.add(adminName);
        }
        return names;
    }

    /** Fails when a name of the settings is also in the users table (checked at start). */
    void requireNoNameTwice() {
        List<String> twice = table.list().stream().map(ConsoleUser::name).filter(configuredNames()::contains).toList();
        if (!twice.isEmpty()) {
            throw new IllegalStateException("user(s) " + twice + " are defined twice: in the settings (agents' password "
                    + "file, dataivr.agent-auth.passwords or dataivr.admin) and in the users table; remove one "
                    + "(./dataivr user remove NAME)");
        }
    }

    @Override
    public UserDetails loadUserByUsername(String name) {
        Optional<ConsoleUser> inTable = AgentName.valid(name) ? table.find(name) : Optional.empty();
        UserDetails configured = configured(name);
        if (configured != null && inTable.isPresent()) {
            log.error("user {} is defined twice (settings and users table): refused until one is removed", name);
            throw new UsernameNotFoundException("defined twice");
        }
        if (configured != null) {
            return configured;
        }
        ConsoleUser user = inTable.orElseThrow(() -> new UsernameNotFoundException("no such user"));
        // A new User each time: a successful check erases the returned user's password.
        return User.withUsername(user.name()).password(user.passwordHash()).authorities(user.role().authority()).build();
    }

    /** Whether the name is someone's (the lock-out counts known names only). */
    boolean known(String name) {
        try {
            loadUserByUsername(name);
            return true;
        } catch (UsernameNotFoundException e) {
            return false;
        }
    }

    private UserDetails configured(String name) {
        String hash = agentHashes.get(name);
        if (hash != null) {
            return User.withUsername(name).password(hash).authorities(Role.AGENT.authority()).build();
        }
        return name != null && name.equals(adminName) ? admin.loadUserByUsername(name) : null;
    }
}
