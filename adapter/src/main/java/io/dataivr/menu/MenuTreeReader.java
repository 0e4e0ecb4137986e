package io.dataivr.menu;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one parsed menu file (texts, lists and mappings, {@link MenuYaml}) into a menu, checking every
 * rule of the contract in DESIGN.md and adding each error, with its path, to the list it was given.
 * One instance reads one file: it counts what anchors and aliases may have multiplied, and stops the
 * whole read once the expanded menu is larger than any file could make it.
 */
final class MenuTreeReader {

    private static final Pattern MENU_ID = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern ITEM_KEY = Pattern.compile("[0-9A-Za-z*#]{1,8}");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
    private static final Set<String> TOP_KEYS = Set.of("menu", "languages", "title", "items");
    private static final Set<String> ITEM_KEYS = Set.of("key", "label", "content", "items", "voice");

    private final List<MenuFileError> errors;
    private int itemCount;
    private long textBytes;

    MenuTreeReader(List<MenuFileError> errors) {
        this.errors = errors;
    }

    /** The menu of a parsed file, or null when it has errors (each added to the list given). */
    Menu menu(Object root) {
        if (!(root instanceof Map<?, ?> map)) {
            errors.add(new MenuFileError("$", "the file must be a mapping with menu, languages, title and items"));
            return null;
        }
        unknownKeys(map, TOP_KEYS, "");
        String id = string(map.get("menu"), "menu");
        if (id != null && !MENU_ID.matcher(id).matches()) {
            errors.add(new MenuFileError("menu", "must be 1-64 of [a-z0-9-], got \"" + id + "\""));
        }
        List<String> languages = languages(map.get("languages"));
        String defaultLanguage = languages.isEmpty() ? null : languages.get(0);
        LocalizedText title = text(map.get("title"), "title", languages, defaultLanguage, Integer.MAX_VALUE);
        List<MenuItem> items = items(map.get("items"), "items", 1, languages, defaultLanguage);
        if (!errors.isEmpty()) {
            return null;
        }
        return new Menu(id, 0, languages, title, items);
    }

    private List<String> languages(Object node) {
        if (!(node instanceof List<?> list) || list.isEmpty()) {
            errors.add(new MenuFileError("languages", "must be a non-empty list of BCP 47 tags"));
            return List.of();
        }
        List<String> languages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "languages[" + i + "]";
            String tag = string(list.get(i), path);
            if (tag == null) {
                continue;
            }
            if (!LANGUAGE.matcher(tag).matches()) {
                errors.add(new MenuFileError(path, "\"" + tag + "\" is not a BCP 47 language tag"));
            } else if (languages.contains(tag)) {
                errors.add(new MenuFileError(path, "duplicate language \"" + tag + "\""));
            } else {
                languages.add(tag);
            }
        }
        return languages;
    }

    private List<MenuItem> items(Object node, String path, int depth, List<String> languages, String defaultLanguage) {
        if (!(node instanceof List<?> list) || list.isEmpty()) {
            errors.add(new MenuFileError(path, "must be a non-empty list of items"));
            return List.of();
        }
        if (depth > MenuFileReader.MAX_DEPTH) {
            errors.add(new MenuFileError(path, "menus may be at most " + MenuFileReader.MAX_DEPTH + " levels deep"));
            return List.of();
        }
        if (list.size() > MenuFileReader.MAX_ITEMS_PER_LEVEL) {
            errors.add(new MenuFileError(path, list.size() + " items, more than the limit of " + MenuFileReader.MAX_ITEMS_PER_LEVEL));
        }
        List<MenuItem> items = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String itemPath = path + "[" + i + "]";
            Object entry = list.get(i);
            Object key = entry instanceof Map<?, ?> map ? map.get("key") : null;
            if (key != null && !keys.add(String.valueOf(key))) {
                errors.add(new MenuFileError(itemPath + ".key", "duplicate key \"" + key + "\""));
            }
            countItem(itemPath);
            MenuItem item = item(entry, itemPath, depth, languages, defaultLanguage);
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    private MenuItem item(Object node, String path, int depth, List<String> languages, String defaultLanguage) {
        if (!(node instanceof Map<?, ?> map)) {
            errors.add(new MenuFileError(path, "an item must be a mapping with key, label and one of content, items, voice"));
            return null;
        }
        unknownKeys(map, ITEM_KEYS, path + ".");
        String key = scalar(map.get("key"), path + ".key");
        if (key != null && !ITEM_KEY.matcher(key).matches()) {
            errors.add(new MenuFileError(path + ".key", "must be 1-8 of [0-9A-Za-z*#], got \"" + key + "\""));
        }
        LocalizedText label = text(map.get("label"), path + ".label", languages, defaultLanguage, Integer.MAX_VALUE);
        int kinds = (map.containsKey("content") ? 1 : 0) + (map.containsKey("items") ? 1 : 0)
                + (map.containsKey("voice") ? 1 : 0);
        if (kinds != 1) {
            errors.add(new MenuFileError(path, "must have exactly one of content, items, voice (has " + kinds + ")"));
            return null;
        }
        if (map.containsKey("content")) {
            LocalizedText content = text(map.get("content"), path + ".content", languages, defaultLanguage,
                    MenuFileReader.MAX_CONTENT_BYTES);
            return MenuItem.content(key, label, content);
        }
        if (map.containsKey("voice")) {
            String queue = string(map.get("voice"), path + ".voice");
            if (queue != null && !QUEUE.matcher(queue).matches()) {
                errors.add(new MenuFileError(path + ".voice", "queue name must be 1-64 of [A-Za-z0-9_-], got \"" + queue + "\""));
            }
            return MenuItem.voice(key, label, queue);
        }
        return MenuItem.submenu(key, label, items(map.get("items"), path + ".items", depth + 1, languages,
                defaultLanguage));
    }

    private LocalizedText text(Object node, String path, List<String> languages, String defaultLanguage,
            int maxBytes) {
        Map<String, String> texts = new LinkedHashMap<>();
        if (node instanceof String plain) {
            if (defaultLanguage != null) {
                texts.put(defaultLanguage, plain);
            }
        } else if (node instanceof Map<?, ?> map && !map.isEmpty()) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String language = String.valueOf(entry.getKey());
                String entryPath = path + "." + language;
                if (!languages.isEmpty() && !languages.contains(language)) {
                    errors.add(new MenuFileError(entryPath, "language \"" + language + "\" is not in the menu's languages"));
                    continue;
                }
                String text = string(entry.getValue(), entryPath);
                if (text != null) {
                    texts.put(language, text);
                }
            }
            if (defaultLanguage != null && !texts.isEmpty() && !texts.containsKey(defaultLanguage)) {
                errors.add(new MenuFileError(path, "has no text in the default language \"" + defaultLanguage + "\""));
            }
        } else {
            errors.add(new MenuFileError(path, "must be a text or a mapping of language to text"));
        }
        for (Map.Entry<String, String> entry : texts.entrySet()) {
            int bytes = entry.getValue().getBytes(StandardCharsets.UTF_8).length;
            countText(path + "." + entry.getKey(), bytes);
            if (bytes > maxBytes) {
                errors.add(new MenuFileError(path + "." + entry.getKey(), bytes + " bytes, more than the limit of " + maxBytes));
            }
            if (entry.getValue().isBlank()) {
                errors.add(new MenuFileError(path + "." + entry.getKey(), "must not be empty"));
            }
        }
        return new LocalizedText(texts);
    }

    /** A key may be written as a YAML number (1) or string ("1"); both mean the same key. */
    private String scalar(Object node, String path) {
        if (node instanceof Integer || node instanceof Long) {
            return node.toString();
        }
        return string(node, path);
    }

    private String string(Object node, String path) {
        if (node instanceof String s) {
            return s;
        }
        errors.add(new MenuFileError(path, node == null ? "is missing" : "must be a text"));
        return null;
    }

    private void unknownKeys(Map<?, ?> map, Set<String> allowed, String prefix) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                errors.add(new MenuFileError(prefix + key, "unknown field (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")"));
            }
        }
    }

    private void countItem(String path) {
        if (++itemCount > MenuFileReader.MAX_TOTAL_ITEMS) {
            errors.add(new MenuFileError(path, "the menu has more than " + MenuFileReader.MAX_TOTAL_ITEMS
                    + " items (anchors and aliases count once per use)"));
            throw new InvalidMenuFile(errors);
        }
    }

    private void countText(String path, int bytes) {
        textBytes += bytes;
        if (textBytes > MenuFileReader.MAX_TOTAL_TEXT_BYTES) {
            errors.add(new MenuFileError(path, "the menu's texts add up to more than "
                    + MenuFileReader.MAX_TOTAL_TEXT_BYTES + " bytes (anchors and aliases count once per use)"));
            throw new InvalidMenuFile(errors);
        }
    }
}
