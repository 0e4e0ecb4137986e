package io.dataivr.api.ws;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.dataivr.session.TextRules;
import io.dataivr.session.consult.ClientFields;
import io.dataivr.system.Quoted;
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
    int MAX_KEY_CHARS = ClientFields.MAX_KEY_CHARS;
    int MAX_PATH_LENGTH = ClientFields.MAX_PATH_LENGTH;
    int MAX_DEVICE_CHARS = 16;

    /**
     * {@code sipAccount}: the app's SIP phone wants the device account with the session answer, to register
     * ahead; {@code device}: the protocol's {@code device} field as sent ({@code sip}, {@code webrtc} or null).
     */
    record Consult(String menu, String language, String client, String token, boolean sipAccount, String device)
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
     * A frame is exactly one JSON object: anything after it (a second object, garbage, a NUL) and any
     * field name repeated within an object make it MALFORMED_MESSAGE, so nothing in it runs.
     */
    static ClientMessage parse(ObjectMapper json, String frame) {
        return parse(decoder(json), frame);
    }

    /**
     * What {@link #parse(ObjectReader, String)} reads frames with: the application's JSON settings, but
     * reading a field's value must not look past it (FAIL_ON_TRAILING_TOKENS is for whole bodies).
     */
    static ObjectReader decoder(ObjectMapper json) {
        return json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    static ClientMessage parse(ObjectReader decoder, String frame) {
        Fields node;
        boolean trailing;
        try (JsonParser parser = decoder.createParser(frame)) {
            parser.setCodec(decoder); // the parser would otherwise read field values with the mapper's settings
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            node = Fields.read(parser);
            trailing = node != null && hasMore(parser);
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            String problem = String.valueOf(e.getOriginalMessage());
            throw new ProtocolError("MALFORMED_MESSAGE", problem.startsWith("Duplicate field")
                    ? "the frame repeats a field name" : "the frame is not a JSON object");
        } catch (IOException | RuntimeException e) {
            // Jackson's own limits (nesting depth, number length) end up here
            throw new ProtocolError("MALFORMED_MESSAGE", "the frame is not a JSON object");
        }
        if (node == null) {
            throw new ProtocolError("MALFORMED_MESSAGE", "the frame is not a JSON object");
        }
        if (trailing) {
            throw new ProtocolError("MALFORMED_MESSAGE", "the frame holds more than one JSON object");
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new ProtocolError("MALFORMED_MESSAGE", "the message has no string field \"type\"");
        }
        String type = typeNode.asText();
        switch (type) {
            case "consult":
                return new Consult(text(node, "menu", ClientFields.MAX_MENU_CHARS),
                        text(node, "language", ClientFields.MAX_LANGUAGE_CHARS),
                        text(node, "client", ClientFields.MAX_CLIENT_CHARS),
                        text(node, "token", ClientFields.MAX_TOKEN_CHARS), flag(node, "sipAccount"),
                        text(node, "device", MAX_DEVICE_CHARS));
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
                throw new ProtocolError("UNKNOWN_MESSAGE_TYPE", "unknown message type " + Quoted.of(type));
        }
    }

    /**
     * The top-level fields of a frame that messages read, by name; null when the frame is not a JSON
     * object (the parser refuses repeated names).
     */
    final class Fields {

        private static final List<String> NAMES = List.of("type", "menu", "language", "client", "token", "key",
                "path", "sipAccount", "device");

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

    /** Whether anything but white space follows the frame's object (garbage, a NUL, a second value). */
    private static boolean hasMore(JsonParser parser) {
        try {
            return parser.nextToken() != null;
        } catch (IOException | RuntimeException e) {
            return true;
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
        return TextRules.field(field, value.asText(), maxChars);
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
            if (!element.isTextual()) {
                throw new ProtocolError("INVALID_FIELD", "\"path\" must hold item keys (strings)");
            }
            keys.add(TextRules.field("path", element.asText(), MAX_KEY_CHARS));
        }
        return List.copyOf(keys);
    }
}
