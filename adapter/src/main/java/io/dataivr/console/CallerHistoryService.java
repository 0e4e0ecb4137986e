package io.dataivr.console;

import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuService;
import io.dataivr.screen.AgentScreen;
import io.dataivr.screen.ScreenService;
import io.dataivr.system.DomainException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The earlier sessions of the caller on an agent's screen (by the app's client reference): an agent sees
 * the history of the customer it is serving, never of a reference it types in.
 */
public class CallerHistoryService {

    /** How many earlier sessions the console shows. */
    public static final int LIMIT = 5;

    private final ScreenService screens;
    private final CallerHistory history;
    private final MenuService menus;

    public CallerHistoryService(ScreenService screens, CallerHistory history, MenuService menus) {
        this.screens = screens;
        this.history = history;
        this.menus = menus;
    }

    /** Whose history it is and their latest sessions; empty while no caller with a client reference is on screen. */
    public record CallerSessions(String client, List<PastSession> sessions) {
    }

    public CallerSessions ofCallerOf(String agent) {
        AgentScreen.Caller caller = screens.screenOf(agent).caller();
        if (caller == null || caller.clientRef() == null || caller.clientRef().isBlank()) {
            return new CallerSessions(null, List.of());
        }
        Map<String, Optional<Menu>> versions = new HashMap<>();
        List<PastSession> sessions = new ArrayList<>();
        for (EarlierSession s : history.latest(caller.clientRef(), UUID.fromString(caller.session()), LIMIT)) {
            Optional<Menu> menu = versions.computeIfAbsent(s.menuId() + "@" + s.menuVersion(),
                    k -> version(s.menuId(), s.menuVersion()));
            List<PastSession.Step> steps = s.items().stream().map(i -> new PastSession.Step(i.path(), i.kind(), i.at(),
                    i.duringCall(), labels(menu, i.path()))).toList();
            sessions.add(new PastSession(s.id(), s.menuId(), s.menuVersion(), s.language(), s.startedAt(), s.endedAt(),
                    steps, s.calls()));
        }
        return new CallerSessions(caller.clientRef(), sessions);
    }

    private Optional<Menu> version(String menuId, int version) {
        try {
            return Optional.of(menus.version(menuId, version));
        } catch (DomainException gone) {
            return Optional.empty();
        }
    }

    /** The labels of each item from the top to {@code path}, in each language of the menu. */
    static Map<String, List<String>> labels(Optional<Menu> menu, String path) {
        List<String> keys = path == null || path.isEmpty() ? List.of() : List.of(path.split("/"));
        Map<String, List<String>> byLanguage = new LinkedHashMap<>();
        if (menu.isEmpty()) {
            byLanguage.put("", keys);
            return byLanguage;
        }
        Menu m = menu.get();
        for (String language : m.languages()) {
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= keys.size(); i++) {
                String key = keys.get(i - 1);
                labels.add(m.find(keys.subList(0, i)).map(item -> item.label().in(language, m.defaultLanguage()))
                        .orElse(key));
            }
            byLanguage.put(language, labels);
        }
        return byLanguage;
    }
}
