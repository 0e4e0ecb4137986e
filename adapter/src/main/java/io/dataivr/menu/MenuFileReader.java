package io.dataivr.menu;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a menu file (the YAML contract in DESIGN.md): the whole file is validated first and every
 * error is reported with its path; a file with any error gives no menu at all.
 */
public final class MenuFileReader {

    public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    public static final int MAX_DEPTH = 10;
    public static final int MAX_ITEMS_PER_LEVEL = 50;
    public static final int MAX_CONTENT_BYTES = 64 * 1024;
    static final int MAX_ALIASES = 50;
    /**
     * Bounds on the menu once anchors and aliases are expanded: no more items than this, and no more
     * text (all languages) than a file may hold. A file without aliases never reaches them.
     */
    public static final int MAX_TOTAL_ITEMS = 10_000;
    public static final int MAX_TOTAL_TEXT_BYTES = MAX_FILE_BYTES;

    private static final Pattern MENU_ID = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern ITEM_KEY = Pattern.compile("[0-9A-Za-z*#]{1,8}");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
    private static final Set<String> TOP_KEYS = Set.of("menu", "languages", "title", "items");
    private static final Set<String> ITEM_KEYS = Set.of("key", "label", "content", "items", "voice");

    public Menu read(byte[] file) {
        if (file.length > MAX_FILE_BYTES) {
            throw invalid("$", "file is " + file.length + " bytes, more than the limit of " + MAX_FILE_BYTES);
        }
        Object root = parse(utf8(file));
        List<MenuFileError> errors = new ArrayList<>();
        Menu menu = readMenu(root, errors, new Walk(errors));
        if (!errors.isEmpty()) {
            throw new InvalidMenuFile(errors);
        }
        return menu;
    }

    private static String utf8(byte[] file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw invalid("$", "the file is not valid UTF-8");
        }
    }

    private static Object parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(4 * MAX_DEPTH + 10);
        options.setCodePointLimit(MAX_FILE_BYTES);
        options.setAllowRecursiveKeys(false);
        try {
            return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                    options, new TextsOnlyResolver()).load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw invalid("$", "not valid YAML" + where + ": " + firstLine(e.getProblem() != null ? e.getProblem()
                    : e.getMessage()));
        } catch (YAMLException e) {
            throw invalid("$", "not valid YAML: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            // SnakeYAML's constructors can fail outside YAMLException (e.g. bad base64 after !!binary)
            throw invalid("$", "not valid YAML: a value cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Plain scalars are texts: {@code key: 01} is the key "01" (not the number 1), {@code label: No}
     * and {@code content: yes} are texts (not booleans); only {@code null} / {@code ~} / nothing mean
     * "no value".
     */
    private static final class TextsOnlyResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, EMPTY, null);
        }
    }

    /** One read of a parsed file: counts what anchors and aliases may have multiplied. */
    private static final class Walk {

        private final List<MenuFileError> errors;
        private int itemCount;
        private long textBytes;

        Walk(List<MenuFileError> errors) {
            this.errors = errors;
        }

        /** Stops the whole read once the expanded menu is larger than any file could make it. */
        private void countItem(String path) {
            if (++itemCount > MAX_TOTAL_ITEMS) {
                errors.add(new MenuFileError(path, "the menu has more than " + MAX_TOTAL_ITEMS
                        + " items (anchors and aliases count once per use)"));
                throw new InvalidMenuFile(errors);
            }
        }

        private void countText(String path, int bytes) {
            textBytes += bytes;
            if (textBytes > MAX_TOTAL_TEXT_BYTES) {
                errors.add(new MenuFileError(path, "the menu's texts add up to more than " + MAX_TOTAL_TEXT_BYTES
                        + " bytes (anchors and aliases count once per use)"));
                throw new InvalidMenuFile(errors);
            }
        }
    }

    private Menu readMenu(Object root, List<MenuFileError> errors, Walk walk) {
        if (!(root instanceof Map<?, ?> map)) {
            errors.add(new MenuFileError("$", "the file must be a mapping with menu, languages, title and items"));
            return null;
        }
        unknownKeys(map, TOP_KEYS, "", errors);
        String id = string(map.get("menu"), "menu", errors);
        if (id != null && !MENU_ID.matcher(id).matches()) {
            errors.add(new MenuFileError("menu", "must be 1-64 of [a-z0-9-], got \"" + id + "\""));
        }
        List<String> languages = languages(map.get("languages"), errors);
        String defaultLanguage = languages.isEmpty() ? null : languages.get(0);
        LocalizedText title = text(map.get("title"), "title", languages, defaultLanguage, Integer.MAX_VALUE, errors, walk);
        List<MenuItem> items = items(map.get("items"), "items", 1, languages, defaultLanguage, errors, walk);
        if (!errors.isEmpty()) {
            return null;
        }
        return new Menu(id, 0, languages, title, items);
    }

    private static List<String> languages(Object node, List<MenuFileError> errors) {
        if (!(node instanceof List<?> list) || list.isEmpty()) {
            errors.add(new MenuFileError("languages", "must be a non-empty list of BCP 47 tags"));
            return List.of();
        }
        List<String> languages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "languages[" + i + "]";
            String tag = string(list.get(i), path, errors);
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

    private List<MenuItem> items(Object node, String path, int depth, List<String> languages, String defaultLanguage,
            List<MenuFileError> errors, Walk walk) {
        if (!(node instanceof List<?> list) || list.isEmpty()) {
            errors.add(new MenuFileError(path, "must be a non-empty list of items"));
            return List.of();
        }
        if (depth > MAX_DEPTH) {
            errors.add(new MenuFileError(path, "menus may be at most " + MAX_DEPTH + " levels deep"));
            return List.of();
        }
        if (list.size() > MAX_ITEMS_PER_LEVEL) {
            errors.add(new MenuFileError(path, list.size() + " items, more than the limit of " + MAX_ITEMS_PER_LEVEL));
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
            walk.countItem(itemPath);
            MenuItem item = item(entry, itemPath, depth, languages, defaultLanguage, errors, walk);
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    private MenuItem item(Object node, String path, int depth, List<String> languages, String defaultLanguage,
            List<MenuFileError> errors, Walk walk) {
        if (!(node instanceof Map<?, ?> map)) {
            errors.add(new MenuFileError(path, "an item must be a mapping with key, label and one of content, items, voice"));
            return null;
        }
        unknownKeys(map, ITEM_KEYS, path + ".", errors);
        String key = scalar(map.get("key"), path + ".key", errors);
        if (key != null && !ITEM_KEY.matcher(key).matches()) {
            errors.add(new MenuFileError(path + ".key", "must be 1-8 of [0-9A-Za-z*#], got \"" + key + "\""));
        }
        LocalizedText label = text(map.get("label"), path + ".label", languages, defaultLanguage, Integer.MAX_VALUE,
                errors, walk);
        int kinds = (map.containsKey("content") ? 1 : 0) + (map.containsKey("items") ? 1 : 0)
                + (map.containsKey("voice") ? 1 : 0);
        if (kinds != 1) {
            errors.add(new MenuFileError(path, "must have exactly one of content, items, voice (has " + kinds + ")"));
            return null;
        }
        if (map.containsKey("content")) {
            LocalizedText content = text(map.get("content"), path + ".content", languages, defaultLanguage,
                    MAX_CONTENT_BYTES, errors, walk);
            return MenuItem.content(key, label, content);
        }
        if (map.containsKey("voice")) {
            String queue = string(map.get("voice"), path + ".voice", errors);
            if (queue != null && !QUEUE.matcher(queue).matches()) {
                errors.add(new MenuFileError(path + ".voice", "queue name must be 1-64 of [A-Za-z0-9_-], got \"" + queue + "\""));
            }
            return MenuItem.voice(key, label, queue);
        }
        return MenuItem.submenu(key, label, items(map.get("items"), path + ".items", depth + 1, languages,
                defaultLanguage, errors, walk));
    }

    private static LocalizedText text(Object node, String path, List<String> languages, String defaultLanguage,
            int maxBytes, List<MenuFileError> errors, Walk walk) {
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
                String text = string(entry.getValue(), entryPath, errors);
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
            walk.countText(path + "." + entry.getKey(), bytes);
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
    private static String scalar(Object node, String path, List<MenuFileError> errors) {
        if (node instanceof Integer || node instanceof Long) {
            return node.toString();
        }
        return string(node, path, errors);
    }

    private static String string(Object node, String path, List<MenuFileError> errors) {
        if (node instanceof String s) {
            return s;
        }
        errors.add(new MenuFileError(path, node == null ? "is missing" : "must be a text"));
        return null;
    }

    private static void unknownKeys(Map<?, ?> map, Set<String> allowed, String prefix, List<MenuFileError> errors) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                errors.add(new MenuFileError(prefix + key, "unknown field (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")"));
            }
        }
    }

    private static InvalidMenuFile invalid(String path, String message) {
        return new InvalidMenuFile(List.of(new MenuFileError(path, message)));
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.strip();
        int newline = line.indexOf('\n');
        return (newline < 0 ? line : line.substring(0, newline)).toLowerCase(Locale.ROOT);
    }
}
