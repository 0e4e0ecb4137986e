package io.dataivr.sdk;

/**
 * Step 3: turns a menu level into display text. Options are numbered by their key; labels line up
 * in one column whatever the script, counting East Asian wide characters as two columns.
 */
public final class MenuRenderer {

    private MenuRenderer() {
    }

    public static String render(ServerMessage.Menu menu) {
        int keyWidth = 0;
        for (ServerMessage.MenuEntry entry : menu.items) {
            keyWidth = Math.max(keyWidth, displayWidth(entry.key));
        }
        StringBuilder text = new StringBuilder();
        text.append(menu.title).append('\n');
        text.append("=".repeat(Math.max(4, displayWidth(menu.title)))).append("\n");
        for (ServerMessage.MenuEntry entry : menu.items) {
            text.append(' ').append(entry.key).append(" ".repeat(keyWidth - displayWidth(entry.key)))
                    .append("  ").append(entry.label).append(marker(entry.kind)).append('\n');
        }
        return text.toString();
    }

    private static String marker(String kind) {
        switch (kind) {
            case "menu":
                return " >";
            case "voice":
                return " (call)";
            default:
                return "";
        }
    }

    /** Terminal columns a text takes: wide and full-width characters count two, combining marks none. */
    public static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += columns(cp);
            i += Character.charCount(cp);
        }
        return width;
    }

    private static int columns(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || cp == 0x200B) {
            return 0;
        }
        return isWide(cp) ? 2 : 1;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F)       // Hangul Jamo
                || (cp >= 0x2E80 && cp <= 0x303E)   // CJK radicals, punctuation
                || (cp >= 0x3041 && cp <= 0x33FF)   // kana, CJK symbols
                || (cp >= 0x3400 && cp <= 0x4DBF)   // CJK extension A
                || (cp >= 0x4E00 && cp <= 0x9FFF)   // CJK unified ideographs
                || (cp >= 0xA000 && cp <= 0xA4CF)   // Yi
                || (cp >= 0xAC00 && cp <= 0xD7A3)   // Hangul syllables
                || (cp >= 0xF900 && cp <= 0xFAFF)   // CJK compatibility ideographs
                || (cp >= 0xFE30 && cp <= 0xFE4F)   // CJK compatibility forms
                || (cp >= 0xFF00 && cp <= 0xFF60)   // full-width forms
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x1F300 && cp <= 0x1F64F) // emoji
                || (cp >= 0x1F900 && cp <= 0x1F9FF)
                || (cp >= 0x20000 && cp <= 0x3FFFD); // CJK extensions B-G
    }
}
