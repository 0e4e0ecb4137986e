package io.dataivr.api.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.api.Views;
import io.dataivr.session.CallState;
import io.dataivr.session.SessionNotifier;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/** Which connection carries which session, and sending to it from any thread. */
class SocketRegistry implements SessionNotifier {

    private static final Logger log = LoggerFactory.getLogger(SocketRegistry.class);
    private static final int SEND_TIME_LIMIT_MS = 5_000;
    private static final int BUFFER_LIMIT_BYTES = 512 * 1024;

    private final ObjectMapper json;
    private final Map<UUID, WebSocketSession> bySession = new ConcurrentHashMap<>();
    private final Map<String, WebSocketSession> decorated = new ConcurrentHashMap<>();

    SocketRegistry(ObjectMapper json) {
        this.json = json;
    }

    /** Binds the session to this connection; returns the connection it was bound to before, if any. */
    WebSocketSession bind(UUID sessionId, WebSocketSession socket) {
        WebSocketSession previous = bySession.put(sessionId, safe(socket));
        if (previous != null && !previous.getId().equals(socket.getId())) {
            decorated.remove(previous.getId());
        }
        return previous;
    }

    /** Unbinds the session if this connection still carries it; returns whether it did. */
    boolean unbindIf(UUID sessionId, WebSocketSession socket) {
        WebSocketSession bound = bySession.get(sessionId);
        if (bound != null && bound.getId().equals(socket.getId()) && bySession.remove(sessionId, bound)) {
            decorated.remove(socket.getId());
            return true;
        }
        return false;
    }

    void forget(WebSocketSession socket) {
        decorated.remove(socket.getId());
    }

    void send(WebSocketSession socket, Views.Message message) {
        send(socket, FrameCache.encode(json, message), message.type());
    }

    /** Sends a frame encoded before (e.g. from the {@link FrameCache}); {@code type} is for the log. */
    void send(WebSocketSession socket, TextMessage frame, String type) {
        try {
            safe(socket).sendMessage(frame);
        } catch (IOException | IllegalStateException e) {
            log.info("could not send {} on connection {}: {}", type, socket.getId(), e.getMessage());
        }
    }

    @Override
    public void callChanged(UUID sessionId, CallState state) {
        WebSocketSession socket = bySession.get(sessionId);
        if (socket != null) {
            send(socket, Views.CallView.of(state));
        }
    }

    private WebSocketSession safe(WebSocketSession socket) {
        if (socket instanceof ConcurrentWebSocketSessionDecorator) {
            return socket;
        }
        return decorated.computeIfAbsent(socket.getId(),
                id -> new ConcurrentWebSocketSessionDecorator(socket, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES));
    }
}
