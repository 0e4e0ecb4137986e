package io.dataivr.session.consult;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The session's language: the best of the menu's languages for the one the app asked for, else for
 * the Accept-Language header (its ranges by weight), else the menu's default (the first it lists).
 *
 * <p>"Best" is RFC 4647 lookup (the tag, then the tag with its last subtag cut off, and so on:
 * {@code en-US} finds {@code en}), with two additions. A bare language finds the first of the
 * menu's languages with that language ({@code en} finds {@code en-GB}). Chinese is matched by
 * script, which its tags give either way: {@code zh-Hans}, {@code zh-Hans-CN}, {@code zh-CN},
 * {@code zh-SG} and a bare {@code zh} (CLDR's likely script) are Simplified and find {@code zh-CN}
 * (or {@code zh-Hans}, {@code zh-SG}); {@code zh-Hant}, {@code zh-TW}, {@code zh-HK} and
 * {@code zh-MO} are Traditional and find {@code zh-TW}, {@code zh-HK} or {@code zh-MO} (its own
 * region first), then a bare {@code zh}, never a Simplified one.
 */
final class LanguageChoice {

    private static final int MAX_HEADER_CHARS = 512;
    private static final int MAX_TAG_CHARS = 64;
    private static final List<String> SIMPLIFIED_REGIONS = List.of("CN", "SG", "MY");
    private static final List<String> TRADITIONAL_REGIONS = List.of("TW", "HK", "MO");

    private LanguageChoice() {
    }

    static String pick(String requested, String acceptLanguage, List<String> offered) {
        String fromApp = lookup(requested, offered);
        if (fromApp != null) {
            return fromApp;
        }
        String fromHeader = fromHeader(acceptLanguage, offered);
        return fromHeader != null ? fromHeader : offered.get(0);
    }

    /** The menu's language that serves {@code tag} best, or null if none does. */
    static String lookup(String tag, List<String> offered) {
        if (tag == null || tag.isBlank() || tag.length() > MAX_TAG_CHARS) {
            return null;
        }
        for (String candidate : candidates(tag.strip())) {
            for (String language : offered) {
                if (language.equalsIgnoreCase(candidate)) {
                    return language;
                }
            }
        }
        String primary = tag.strip();
        if (primary.matches("[A-Za-z]{2,8}")) { // a bare language: the first of the menu's with it
            for (String language : offered) {
                if (language.regionMatches(true, 0, primary + "-", 0, primary.length() + 1)) {
                    return language;
                }
            }
        }
        return null;
    }

    /** The tags to try for {@code tag}, best first, in lower case. */
    private static List<String> candidates(String tag) {
        Set<String> tags = new LinkedHashSet<>();
        tags.add(tag.toLowerCase(Locale.ROOT));
        Locale locale = Locale.forLanguageTag(tag);
        if (locale.getLanguage().equals("zh")) {
            tags.addAll(chinese(locale.getScript(), locale.getCountry()));
        }
        List<String> truncated = new ArrayList<>();
        String rest = tag.toLowerCase(Locale.ROOT);
        while (rest.contains("-")) { // RFC 4647 lookup: cut the last subtag (and a single-letter one before it)
            rest = rest.substring(0, rest.lastIndexOf('-'));
            if (rest.length() > 1 && rest.charAt(rest.length() - 2) == '-') {
                rest = rest.substring(0, rest.length() - 2);
            }
            truncated.add(rest);
        }
        tags.addAll(truncated);
        return List.copyOf(tags);
    }

    /** Chinese tags of the same script, most specific first, ending before the bare {@code zh}. */
    private static List<String> chinese(String script, String region) {
        boolean traditional = script.equalsIgnoreCase("Hant")
                || (script.isEmpty() && TRADITIONAL_REGIONS.contains(region));
        String scriptTag = traditional ? "zh-hant" : "zh-hans";
        List<String> regions = new ArrayList<>();
        if (!region.isEmpty()) {
            regions.add(region);
        }
        (traditional ? TRADITIONAL_REGIONS : SIMPLIFIED_REGIONS).stream()
                .filter(r -> !r.equals(region)).forEach(regions::add);
        List<String> tags = new ArrayList<>();
        if (!region.isEmpty()) {
            tags.add(scriptTag + "-" + region.toLowerCase(Locale.ROOT));
            tags.add("zh-" + region.toLowerCase(Locale.ROOT));
        }
        tags.add(scriptTag);
        for (String r : regions) {
            tags.add("zh-" + r.toLowerCase(Locale.ROOT));
            tags.add(scriptTag + "-" + r.toLowerCase(Locale.ROOT));
        }
        return tags;
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
            if (range.getRange().equals("*")) {
                return offered.get(0);
            }
            String found = lookup(range.getRange(), offered);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
