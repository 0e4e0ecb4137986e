package io.dataivr.session;

import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuItem;
import java.util.List;

/** One level of the menu as the customer sees it, in the session's language (step 2). */
public record MenuLevel(String menuId, int version, String language, List<String> path, String title,
        List<Entry> items) {

    public record Entry(String key, String label, String kind) {
    }

    public static MenuLevel of(Menu menu, String language, List<String> path) {
        String title = path.isEmpty()
                ? menu.title().in(language, menu.defaultLanguage())
                : menu.find(path).map(i -> i.label().in(language, menu.defaultLanguage())).orElse("");
        List<Entry> entries = menu.level(path).stream()
                .map(item -> new Entry(item.key(), item.label().in(language, menu.defaultLanguage()), kindName(item)))
                .toList();
        return new MenuLevel(menu.id(), menu.version(), language, path, title, entries);
    }

    private static String kindName(MenuItem item) {
        return switch (item.kind()) {
            case CONTENT -> "content";
            case SUBMENU -> "menu";
            case VOICE -> "voice";
        };
    }
}
