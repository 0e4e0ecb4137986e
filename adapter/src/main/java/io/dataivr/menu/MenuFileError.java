package io.dataivr.menu;

/** One problem in a menu file, with the path of the offending node (e.g. {@code items[2].items[0].key}). */
public record MenuFileError(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
