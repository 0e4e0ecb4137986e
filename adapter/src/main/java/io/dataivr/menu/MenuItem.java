package io.dataivr.menu;

import java.util.List;
import java.util.Optional;

/**
 * One entry of a menu level: what the customer taps. Exactly one of content, sub-items or a
 * voice queue is present (the menu file contract in DESIGN.md).
 */
public record MenuItem(String key, LocalizedText label, LocalizedText content, List<MenuItem> items,
        String voiceQueue) {

    public enum Kind { CONTENT, SUBMENU, VOICE }

    public MenuItem {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public static MenuItem content(String key, LocalizedText label, LocalizedText content) {
        return new MenuItem(key, label, content, List.of(), null);
    }

    public static MenuItem submenu(String key, LocalizedText label, List<MenuItem> items) {
        return new MenuItem(key, label, null, items, null);
    }

    public static MenuItem voice(String key, LocalizedText label, String queue) {
        return new MenuItem(key, label, null, List.of(), queue);
    }

    public Kind kind() {
        if (content != null) {
            return Kind.CONTENT;
        }
        return voiceQueue != null ? Kind.VOICE : Kind.SUBMENU;
    }

    public Optional<MenuItem> child(String childKey) {
        return items.stream().filter(i -> i.key.equals(childKey)).findFirst();
    }
}
