package io.dataivr.api.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The IP channel's messages from app to server, decoded and checked at the edge. */
sealed interface ClientMessage {

    record Consult(String menu, String language, String client) implements ClientMessage {
    }

    record Choose(String key) implements ClientMessage {
    }

    record Back() implements ClientMessage {
    }

    record Menu() implements ClientMessage {
    }

    record End() implements ClientMessage {
    }

    /** Hang up the session's call, or give up waiting for an agent. */
    record Hangup() implements ClientMessage {
    }

    static ClientMessage parse(ObjectMapper json, String frame) {
        JsonNode node;
        try {
            node = json.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new ConsultationSocketHandler.ProtocolError("MALFORMED_MESSAGE", "the frame is not a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new ConsultationSocketHandler.ProtocolError("MALFORMED_MESSAGE", "the frame is not a JSON object");
        }
        String type = node.path("type").asText("");
        return switch (type) {
            case "consult" -> new Consult(text(node, "menu"), text(node, "language"), text(node, "client"));
            case "choose" -> {
                String key = text(node, "key");
                if (key == null || key.isEmpty()) {
                    throw new ConsultationSocketHandler.ProtocolError("MALFORMED_MESSAGE", "choose needs a key");
                }
                yield new Choose(key);
            }
            case "back" -> new Back();
            case "menu" -> new Menu();
            case "end" -> new End();
            case "hangup" -> new Hangup();
            default -> throw new ConsultationSocketHandler.ProtocolError("UNKNOWN_MESSAGE_TYPE",
                    "unknown message type \"" + truncate(type) + "\"");
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String truncate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
