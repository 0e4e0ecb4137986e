package io.dataivr.api.ws;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.session.TextRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The IP channel's messages from app to server, decoded and checked at the edge. {@link #parse}
 * returns a message or throws a {@link ProtocolError} with one of {@link #ERROR_CODES}; nothing else.
 */
sealed interface ClientMessage {

    Set<String> ERROR_CODES = Set.of("MALFORMED_MESSAGE", "UNKNOWN_MESSAGE_TYPE", "INVALID_FIELD");
    int MAX_KEY_CHARS = 8;
    int MAX_PATH_LENGTH = 16;

    /** {@code sipAccount}: the app's SIP phone wants the device account with the session answer, to register ahead. */
    record Consult(String menu, String language, String client, String token, boolean sipAccount)
            implements ClientMessage {
    }

    /** {@code path}, when given, is the level the app was showing when the customer chose. */
    record Choose(String key, List<String> path) implements ClientMessage {
    }

    record Back() implements ClientMessage {
    }

    record Menu() implements ClientMessage {
    }

    record End() implements ClientMessage {
    }

    record Resume(String token) implements ClientMessage {
    }

    /** Hang up the session's call, or give up waiting for an agent. */
    record Hangup() implements ClientMessage {
    }

    /**
     * Reads the frame as a stream: the fields a message may have are kept as small trees, any other
     * field is skipped (still read to its end, so a malformed frame is refused as a whole, with the
     * parser's own limits on nesting and number length); the frame's object is not built as a tree.
     */
    static ClientMessage parse(ObjectMapper json, String frame) {
        Fields node;
        try (JsonParser parser = json.createParser(frame)) {
            node = Fields.read(parser);
        } catch (IOException e) {
            throw new ProtocolError("MALFORMED_MESSAGE", "the frame is not a JSON object");
        } catch (RuntimeException e) {
            // Jackson's own limits (nesting depth, number length) end up here
            throw new ProtocolError("MALFORMED_MESSAGE", "the frame is not a JSON object");
        }
        if (node == null) {
            throw new ProtocolError("MALFORMED_MESSAGE", "the frame is not a JSON object");
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new ProtocolError("MALFORMED_MESSAGE", "the message has no string field \"type\"");
        }
        String type = typeNode.asText();
        switch (type) {
            case "consult":
                return new Consult(text(node, "menu", 64), text(node, "language", 35), text(node, "client", 128),
                        text(node, "token", 1024), flag(node, "sipAccount"));
            case "choose":
                String key = text(node, "key", MAX_KEY_CHARS);
                if (key == null || key.isEmpty()) {
                    throw new ProtocolError("MALFORMED_MESSAGE", "choose needs a key");
                }
                return new Choose(key, path(node));
            case "back":
                return new Back();
            case "menu":
                return new Menu();
            case "end":
                return new End();
            case "hangup":
                return new Hangup();
            case "resume":
                String token = text(node, "token", 256);
                if (token == null || token.isEmpty()) {
                    throw new ProtocolError("MALFORMED_MESSAGE", "resume needs a token");
                }
                return new Resume(token);
            default:
                throw new ProtocolError("UNKNOWN_MESSAGE_TYPE", "unknown message type \"" + printable(type) + "\"");
        }
    }

    /**
     * The top-level fields of a frame that messages read, by name (a repeated name keeps its last
     * value, as a tree would); null when the frame is not a JSON object.
     */
    final class Fields {

        private static final List<String> NAMES = List.of("type", "menu", "language", "client", "token", "key",
                "path", "sipAccount");

        private final JsonNode[] values = new JsonNode[NAMES.size()];

        private Fields() {
        }

        static Fields read(JsonParser parser) throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Fields fields = new Fields();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                int slot = NAMES.indexOf(parser.currentName());
                parser.nextToken();
                if (slot >= 0) {
                    fields.values[slot] = parser.readValueAsTree();
                } else {
                    parser.skipChildren();
                }
            }
            return fields; // the loop ends on the object's end: a frame cut short throws instead
        }

        JsonNode get(String name) {
            int slot = NAMES.indexOf(name);
            return values[slot];
        }
    }

    private static String text(Fields node, String field, int maxChars) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ProtocolError("INVALID_FIELD", "\"" + field + "\" must be a string");
        }
        String text = value.asText();
        if (text.length() > maxChars) {
            throw new ProtocolError("INVALID_FIELD", "\"" + field + "\" is longer than " + maxChars + " characters");
        }
        if (!TextRules.storable(text)) {
            throw new ProtocolError("INVALID_FIELD", "\"" + field + "\" contains NUL or an unpaired surrogate");
        }
        return text;
    }

    private static boolean flag(Fields node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new ProtocolError("INVALID_FIELD", "\"" + field + "\" must be true or false");
        }
        return value.booleanValue();
    }

    private static List<String> path(Fields node) {
        JsonNode value = node.get("path");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray() || value.size() > MAX_PATH_LENGTH) {
            throw new ProtocolError("INVALID_FIELD", "\"path\" must be an array of at most " + MAX_PATH_LENGTH
                    + " keys");
        }
        List<String> keys = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual() || element.asText().length() > MAX_KEY_CHARS) {
                throw new ProtocolError("INVALID_FIELD", "\"path\" must hold item keys (strings)");
            }
            keys.add(element.asText());
        }
        return List.copyOf(keys);
    }

    /** The type as it may be echoed back: short, and with nothing that is not printable. */
    private static String printable(String text) {
        String shortened = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        StringBuilder clean = new StringBuilder();
        shortened.codePoints().forEach(cp -> clean.appendCodePoint(
                Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE ? '?' : cp));
        return clean.toString();
    }
}
