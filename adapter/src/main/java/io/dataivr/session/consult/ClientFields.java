package io.dataivr.session.consult;

import io.dataivr.session.TextRules;
import io.dataivr.system.InvalidField;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The limits of the fields a customer's app sends, checked here for both faces (WebSocket frames and
 * REST bodies): a field that breaks one is INVALID_FIELD (no text of the client's echoed back), before
 * anything else about the request is looked at.
 */
public final class ClientFields {

    public static final int MAX_MENU_CHARS = 64;
    public static final int MAX_LANGUAGE_CHARS = 35;
    public static final int MAX_CLIENT_CHARS = 128;
    public static final int MAX_TOKEN_CHARS = 1024;
    public static final int MAX_KEY_CHARS = 8;
    public static final int MAX_PATH_LENGTH = 16;

    private static final Pattern MENU_ID = Pattern.compile("[a-z0-9-]{1,64}");

    private ClientFields() {
    }

    /** The consult request's fields checked; a menu id given must not be empty. */
    static void check(ConsultRequest request) {
        String menu = TextRules.field("menu", request.menu(), MAX_MENU_CHARS);
        if (menu != null && menu.isBlank()) {
            throw new InvalidField("\"menu\" is empty: leave it out for the default menu");
        }
        TextRules.field("language", request.language(), MAX_LANGUAGE_CHARS);
        TextRules.field("client", request.client(), MAX_CLIENT_CHARS);
        TextRules.field("token", request.token(), MAX_TOKEN_CHARS);
    }

    /** A menu id that cannot name a menu is not found (NoSuchMenu quotes it escaped). */
    static void checkMenuId(String menuId) {
        if (!MENU_ID.matcher(menuId).matches()) {
            throw new io.dataivr.menu.NoSuchMenu(menuId);
        }
    }

    /** A choice's key (1-8 characters) and the path it was made at (null: not given). */
    static void checkChoice(String key, List<String> shownPath) {
        if (key == null || key.isEmpty()) {
            throw new InvalidField("\"key\" must be an item key of 1-" + MAX_KEY_CHARS + " characters");
        }
        TextRules.field("key", key, MAX_KEY_CHARS);
        if (shownPath == null) {
            return;
        }
        if (shownPath.size() > MAX_PATH_LENGTH) {
            throw new InvalidField("\"path\" must be an array of at most " + MAX_PATH_LENGTH + " keys");
        }
        for (String element : shownPath) {
            if (element == null) {
                throw new InvalidField("\"path\" must hold item keys (strings)");
            }
            TextRules.field("path", element, MAX_KEY_CHARS);
        }
    }
}
