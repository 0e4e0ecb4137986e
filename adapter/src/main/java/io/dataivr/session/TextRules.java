package io.dataivr.session;

import io.dataivr.system.InvalidField;

/**
 * What text the customer-service database can store unchanged: no NUL, no unpaired surrogate. The
 * one check of the text fields a client sends, whichever face (WebSocket or REST) it came through.
 */
public final class TextRules {

    private TextRules() {
    }

    public static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The client's {@code field} as given (null stays null) when it has at most {@code maxChars} UTF-16
     * characters and can be stored; else INVALID_FIELD naming the field, never echoing the text.
     */
    public static String field(String field, String value, int maxChars) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxChars) {
            throw new InvalidField("\"" + field + "\" is longer than " + maxChars + " characters");
        }
        if (!storable(value)) {
            throw new InvalidField("\"" + field + "\" contains NUL or an unpaired surrogate");
        }
        return value;
    }
}
