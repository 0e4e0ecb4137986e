package io.dataivr.system;

/**
 * Client text as an error message may show it: in double quotes, at most {@link #MAX_CODE_POINTS}
 * code points, with everything that could be read as markup or hide itself escaped as {@code \}{@code uXXXX}
 * (controls, NUL, unpaired surrogates, format characters such as bidi overrides, and {@code < > & " ' \}).
 * Messages never carry the raw text a client sent.
 */
public final class Quoted {

    public static final int MAX_CODE_POINTS = 40;

    private Quoted() {
    }

    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder(Math.min(text.length(), MAX_CODE_POINTS) + 8).append('"');
        int shown = 0;
        for (int i = 0; i < text.length(); shown++) {
            if (shown == MAX_CODE_POINTS) {
                return quoted.append("…\"").toString();
            }
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                if (Character.getType(codePoint) == Character.FORMAT || Character.getType(codePoint) == Character.PRIVATE_USE) {
                    escape(quoted, c).append("\\u").append(hex(text.charAt(i + 1)));
                } else {
                    quoted.appendCodePoint(codePoint);
                }
                i += 2;
                continue;
            }
            if (needsEscape(c)) {
                escape(quoted, c);
            } else {
                quoted.append(c);
            }
            i++;
        }
        return quoted.append('"').toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7f || "<>&\"'\\".indexOf(c) >= 0 || Character.isSurrogate(c)
                || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR;
    }

    private static StringBuilder escape(StringBuilder quoted, char c) {
        return quoted.append("\\u").append(hex(c));
    }

    private static String hex(char c) {
        String digits = Integer.toHexString(c);
        return "0000".substring(digits.length()) + digits;
    }
}
