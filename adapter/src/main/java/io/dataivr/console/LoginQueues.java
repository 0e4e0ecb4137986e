package io.dataivr.console;

import io.dataivr.agent.AgentService;
import io.dataivr.menu.MenuService;
import io.dataivr.system.DomainException;
import java.util.List;
import java.util.TreeSet;

/**
 * The queues an agent may choose at login on the console: every queue a published menu's voice item names,
 * and every queue the agent feature knows (those it keeps, and those agents logged in to).
 */
public class LoginQueues {

    private final AgentService agents;
    private final MenuService menus;

    public LoginQueues(AgentService agents, MenuService menus) {
        this.agents = agents;
        this.menus = menus;
    }

    public List<String> all() {
        TreeSet<String> queues = new TreeSet<>(agents.knownQueues());
        for (String menuId : menus.menuIds()) {
            try {
                queues.addAll(menus.published(menuId).voiceQueues());
            } catch (DomainException retired) {
                // retired or never published: no voice items in service
            }
        }
        return List.copyOf(queues);
    }
}
