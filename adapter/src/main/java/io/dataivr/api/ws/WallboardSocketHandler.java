package io.dataivr.api.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.api.WallboardView;
import io.dataivr.report.Wallboard;
import io.dataivr.report.WallboardListener;
import io.dataivr.report.WallboardService;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /ws/v1/wallboard}: the whole wallboard on connect ({@code type: wallboard}), then the queues that
 * changed ({@code type: update}), at most one frame per {@code dataivr.report.push-interval}. Read-only:
 * frames from the page are ignored. Each frame's {@code at} says when it was built: a page drops an update
 * older than what it shows. A connection too slow to take its frames is closed (the page reconnects and
 * gets a fresh board).
 */
class WallboardSocketHandler extends TextWebSocketHandler implements WallboardListener {

    static final String PATH = "/ws/v1/wallboard";
    private static final Logger log = LoggerFactory.getLogger(WallboardSocketHandler.class);
    private static final int SEND_TIME_LIMIT_MS = 5_000;
    private static final int BUFFER_LIMIT_BYTES = 1024 * 1024;

    private final WallboardService wallboard;
    private final ObjectMapper json;
    private final Set<WebSocketSession> sockets = ConcurrentHashMap.newKeySet();

    WallboardSocketHandler(WallboardService wallboard, ObjectMapper json) {
        this.wallboard = wallboard;
        this.json = json;
        wallboard.subscribe(this);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(socket, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES);
        sockets.add(safe);
        send(safe, WallboardView.of(wallboard.snapshot()));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        sockets.removeIf(s -> s.getId().equals(socket.getId()));
    }

    @Override
    public boolean watching() {
        return !sockets.isEmpty();
    }

    @Override
    public void changed(Wallboard board, List<String> queues, boolean sessions) {
        if (sockets.isEmpty()) {
            return;
        }
        TextMessage frame = new TextMessage(encode(WallboardView.update(board, queues)));
        sockets.forEach(socket -> send(socket, frame));
    }

    private void send(WebSocketSession socket, WallboardView view) {
        send(socket, new TextMessage(encode(view)));
    }

    private void send(WebSocketSession socket, TextMessage frame) {
        try {
            socket.sendMessage(frame);
        } catch (IOException | IllegalStateException e) {
            log.info("wallboard connection {}: frame not sent ({}); closing it", socket.getId(), e.getMessage());
            sockets.remove(socket);
            try {
                socket.close(CloseStatus.SESSION_NOT_RELIABLE);
            } catch (IOException | IllegalStateException closing) {
                log.debug("wallboard connection {}: close failed: {}", socket.getId(), closing.getMessage());
            }
        }
    }

    private String encode(WallboardView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the wallboard", e);
        }
    }
}
