package io.dataivr.api.http.admin;

import io.dataivr.menu.LocalizedText;
import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuItem;
import io.dataivr.menu.MenuSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The admin API's JSON bodies. */
final class AdminViews {

    private AdminViews() {
    }

    record MenuList(List<MenuEntry> menus) {
        static MenuList of(List<MenuSummary> summaries) {
            return new MenuList(summaries.stream().map(MenuEntry::of).toList());
        }
    }

    record MenuEntry(String id, int publishedVersion, List<VersionEntry> versions) {
        static MenuEntry of(MenuSummary summary) {
            return new MenuEntry(summary.id(), summary.publishedVersion(), summary.versions().stream()
                    .map(v -> new VersionEntry(v.version(), v.publishedAt(), v.publishedBy())).toList());
        }
    }

    record VersionEntry(int version, Instant publishedAt, String publishedBy) {
    }

    record Published(String id, int version) {
    }

    /** A menu version as a JSON tree: the menu file's shape, every text as a map of language to text. */
    record MenuTree(String id, int version, List<String> languages, Map<String, String> title, List<ItemTree> items) {
        static MenuTree of(Menu menu) {
            return new MenuTree(menu.id(), menu.version(), menu.languages(), texts(menu.title()),
                    ItemTree.of(menu.items()));
        }
    }

    /** Exactly one of content, items, voice is present (absent fields are not written). */
    record ItemTree(String key, Map<String, String> label, Map<String, String> content, List<ItemTree> items,
            String voice) {
        static List<ItemTree> of(List<MenuItem> items) {
            return items.stream().map(ItemTree::of).toList();
        }

        static ItemTree of(MenuItem item) {
            return new ItemTree(item.key(), texts(item.label()),
                    item.kind() == MenuItem.Kind.CONTENT ? texts(item.content()) : null,
                    item.kind() == MenuItem.Kind.SUBMENU ? of(item.items()) : null,
                    item.voiceQueue());
        }
    }

    private static Map<String, String> texts(LocalizedText text) {
        return text.byLanguage();
    }
}
