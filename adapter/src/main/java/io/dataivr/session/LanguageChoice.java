package io.dataivr.session;

import java.util.List;
import java.util.Locale;

/**
 * The session's language: the one the app asked for if the menu has it, else the best match of the
 * Accept-Language header, else the menu's default (the first it lists).
 */
final class LanguageChoice {

    private static final int MAX_HEADER_CHARS = 512;

    private LanguageChoice() {
    }

    static String pick(String requested, String acceptLanguage, List<String> offered) {
        String fromApp = match(requested, offered);
        if (fromApp != null) {
            return fromApp;
        }
        String fromHeader = fromHeader(acceptLanguage, offered);
        return fromHeader != null ? fromHeader : offered.get(0);
    }

    private static String match(String tag, List<String> offered) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        for (String language : offered) {
            if (language.equalsIgnoreCase(tag.trim())) {
                return language;
            }
        }
        return null;
    }

    private static String fromHeader(String header, List<String> offered) {
        if (header == null || header.isBlank() || header.length() > MAX_HEADER_CHARS) {
            return null;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header);
        } catch (RuntimeException e) {
            // the JDK throws more than IllegalArgumentException for some malformed headers
            return null;
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() <= 0) {
                continue;
            }
            List<Locale.LanguageRange> one = List.of(range);
            String found = Locale.lookupTag(one, offered);
            if (found == null) {
                // "zh" in the header should still pick "zh-CN" from the menu
                List<String> filtered = Locale.filterTags(one, offered);
                found = filtered.isEmpty() ? null : filtered.get(0);
            }
            if (found != null) {
                return match(found, offered);
            }
        }
        return null;
    }
}
