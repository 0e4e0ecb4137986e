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
        String text = byLanguage.get(language);
        return text != null ? text : byLanguage.getOrDefault(defaultLanguage, "");
    }
}
