package io.dataivr.session.consult;

import io.dataivr.menu.Menu;
import io.dataivr.session.MenuLevel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The menu levels sessions are shown, built once per (menu version, language, path) and shared:
 * a published version never changes, so every session browsing it sees the same levels. Keyed by
 * the menu instance itself (the store hands out one per version), bounded by a clear-all.
 */
final class MenuLevels {

    private static final int MAX_LEVELS = 10_000;

    private final Map<Key, MenuLevel> levels = new ConcurrentHashMap<>();

    MenuLevel of(Menu menu, String language, List<String> path) {
        MenuLevel level = levels.get(new Key(menu, language, path));
        if (level == null) {
            if (levels.size() >= MAX_LEVELS) {
                levels.clear(); // far more levels than any menu has: old versions no session uses
            }
            List<String> copy = List.copyOf(path);
            level = MenuLevel.of(menu, language, copy);
            levels.putIfAbsent(new Key(menu, language, copy), level);
        }
        return level;
    }

    /** Compares the menu by identity: two menus that are equal but distinct are separate entries. */
    private static final class Key {
        private final Menu menu;
        private final String language;
        private final List<String> path;
        private final int hash;

        Key(Menu menu, String language, List<String> path) {
            this.menu = menu;
            this.language = language;
            this.path = path;
            this.hash = (System.identityHashCode(menu) * 31 + language.hashCode()) * 31 + path.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.menu == menu && key.language.equals(language)
                    && key.path.equals(path);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
