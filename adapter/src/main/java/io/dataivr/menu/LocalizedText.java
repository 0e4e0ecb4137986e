package io.dataivr.menu;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A text in one or more languages (BCP 47 tags), in the order the menu file gave them. */
public record LocalizedText(Map<String, String> byLanguage) {

    public LocalizedText {
        Objects.requireNonNull(byLanguage, "byLanguage");
        byLanguage = Collections.unmodifiableMap(new LinkedHashMap<>(byLanguage));
    }

    public static LocalizedText of(String language, String text) {
        return new LocalizedText(Map.of(language, text));
    }

    /** The text in the wanted language, else in the menu's default language. */
    public String in(String language, String defaultLanguage) {
        return pick(language, defaultLanguage).text();
    }

    /** A text and the language it is in. */
    public record Picked(String language, String text) {
    }

    /**
     * The text in the wanted language, else in the menu's default language, with the language it is
     * in (the default one, also when the default has no text either: the text is then empty).
     */
    public Picked pick(String language, String defaultLanguage) {
        String text = byLanguage.get(language);
        return text != null ? new Picked(language, text)
                : new Picked(defaultLanguage, byLanguage.getOrDefault(defaultLanguage, ""));
    }
}
