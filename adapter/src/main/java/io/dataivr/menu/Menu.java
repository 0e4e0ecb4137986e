package io.dataivr.menu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A published (or about to be published) menu: the data the app shows instead of voice prompts. */
public record Menu(String id, int version, List<String> languages, LocalizedText title, List<MenuItem> items) {

    public Menu {
        languages = List.copyOf(languages);
        items = List.copyOf(items);
    }

    public String defaultLanguage() {
        return languages.get(0);
    }

    public Menu withVersion(int newVersion) {
        return new Menu(id, newVersion, languages, title, items);
    }

    /** The language a session uses: the wanted one if the menu has it, else the default. */
    public String languageFor(String wanted) {
        return wanted != null && languages.contains(wanted) ? wanted : defaultLanguage();
    }

    /** The items shown at the level reached by following {@code path} (keys from the root). */
    public List<MenuItem> level(List<String> path) {
        return path.isEmpty() ? items : find(path).map(MenuItem::items).orElse(List.of());
    }

    /** The item reached by following {@code path}, if every key exists. */
    public Optional<MenuItem> find(List<String> path) {
        List<MenuItem> level = items;
        MenuItem found = null;
        for (String key : path) {
            found = child(level, key);
            if (found == null) {
                return Optional.empty();
            }
            level = found.items();
        }
        return Optional.ofNullable(found);
    }

    /** The item of {@code level} with this key, or null. */
    public static MenuItem child(List<MenuItem> level, String key) {
        for (MenuItem item : level) {
            if (item.key().equals(key)) {
                return item;
            }
        }
        return null;
    }

    /** Every voice queue named anywhere in the menu. */
    public List<String> voiceQueues() {
        List<String> queues = new ArrayList<>();
        collectQueues(items, queues);
        return queues.stream().distinct().toList();
    }

    private static void collectQueues(List<MenuItem> level, List<String> into) {
        for (MenuItem item : level) {
            if (item.voiceQueue() != null) {
                into.add(item.voiceQueue());
            }
            collectQueues(item.items(), into);
        }
    }
}
