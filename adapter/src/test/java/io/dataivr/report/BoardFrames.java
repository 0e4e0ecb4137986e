package io.dataivr.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataivr.fixtures.JsonSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The wallboard as a page holding /ws/v1/wallboard sees it: the first board, then each update's queues merged in. */
public final class BoardFrames {

    private final JsonSocket socket;

    public BoardFrames(JsonSocket socket) {
        this.socket = socket;
    }

    /** Each queue's latest view from the frames received so far. */
    public Map<String, JsonNode> queues() {
        Map<String, JsonNode> queues = new LinkedHashMap<>();
        List<JsonNode> frames = socket.received();
        for (JsonNode frame : frames) {
            String type = frame.path("type").asText();
            if (type.equals("wallboard")) {
                queues.clear();
            }
            if (type.equals("wallboard") || type.equals("update")) {
                frame.path("queues").forEach(q -> queues.put(q.path("queue").asText(), q));
            }
        }
        return queues;
    }

    public JsonNode queue(String name) {
        JsonNode queue = queues().get(name);
        return queue == null ? new ObjectNode(null) : queue;
    }

    /** The latest frame's sessions. */
    public JsonNode sessions() {
        List<JsonNode> frames = socket.received();
        return frames.isEmpty() ? new ObjectNode(null) : frames.get(frames.size() - 1).path("sessions");
    }

    public int frames() {
        return socket.received().size();
    }

    /** The names in a list of agents ({@code fifo} or {@code agents}) of a queue's view. */
    public static List<String> names(JsonNode queue, String list) {
        return queue.path(list).findValuesAsText("agent");
    }

    /** The origins of a queue view's waiting callers, first in line first. */
    public static List<String> origins(JsonNode queue) {
        return queue.path("waiting").findValuesAsText("origin");
    }
}
