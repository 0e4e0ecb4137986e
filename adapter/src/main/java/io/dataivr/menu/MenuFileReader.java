package io.dataivr.menu;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a menu file (the YAML contract in DESIGN.md): the whole file is validated first and every
 * error is reported with its path; a file with any error gives no menu at all. The bytes become
 * texts, lists and mappings ({@link MenuYaml}), those a menu ({@link MenuTreeReader}).
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

    public Menu read(byte[] file) {
        if (file.length > MAX_FILE_BYTES) {
            throw invalid("$", "file is " + file.length + " bytes, more than the limit of " + MAX_FILE_BYTES);
        }
        Object root = MenuYaml.parse(file);
        List<MenuFileError> errors = new ArrayList<>();
        Menu menu = new MenuTreeReader(errors).menu(root);
        if (!errors.isEmpty()) {
            throw new InvalidMenuFile(errors);
        }
        return menu;
    }

    static InvalidMenuFile invalid(String path, String message) {
        return new InvalidMenuFile(List.of(new MenuFileError(path, message)));
    }
}
