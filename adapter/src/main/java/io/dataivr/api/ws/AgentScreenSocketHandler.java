package io.dataivr.api.ws;

import io.dataivr.agent.AgentName;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.api.ScreenView;
import io.dataivr.screen.AgentScreen;
import io.dataivr.screen.ScreenListener;
import io.dataivr.screen.ScreenService;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /ws/v1/agent?agent=NAME}: the agent's screen, sent on connect and again on every change.
 * Read-only: frames from the agent are ignored.
 */
class AgentScreenSocketHandler extends TextWebSocketHandler implements ScreenListener {

    static final String PATH = "/ws/v1/agent";
    private static final Logger log = LoggerFactory.getLogger(AgentScreenSocketHandler.class);
    private static final String AGENT = "dataivr.agent";

    private final ScreenService screens;
    private final ObjectMapper json;
    private final Map<String, Set<WebSocketSession>> byAgent = new ConcurrentHashMap<>();

    AgentScreenSocketHandler(ScreenService screens, ObjectMapper json) {
        this.screens = screens;
        this.json = json;
        screens.subscribe(this);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) throws IOException {
        String agent = socket.getUri() == null ? null
                : UriComponentsBuilder.fromUri(socket.getUri()).build().getQueryParams().getFirst("agent");
        if (!AgentName.valid(agent)) {
            socket.close(CloseStatus.POLICY_VIOLATION.withReason("query parameter agent=NAME is required"));
            return;
        }
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(socket, 5_000, 256 * 1024);
        socket.getAttributes().put(AGENT, agent);
        byAgent.computeIfAbsent(agent, a -> ConcurrentHashMap.newKeySet()).add(safe);
        send(safe, screens.screenOf(agent));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        Object agent = socket.getAttributes().get(AGENT);
        if (agent != null) {
            Set<WebSocketSession> sockets = byAgent.get(agent.toString());
            if (sockets != null) {
                sockets.removeIf(s -> s.getId().equals(socket.getId()));
            }
        }
    }

    @Override
    public void screenChanged(AgentScreen screen) {
        Set<WebSocketSession> sockets = byAgent.get(screen.agent());
        if (sockets != null) {
            sockets.forEach(socket -> send(socket, screen));
        }
    }

    private void send(WebSocketSession socket, AgentScreen screen) {
        try {
            socket.sendMessage(new TextMessage(json.writeValueAsString(ScreenView.of(screen))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the screen of " + screen.agent(), e);
        } catch (IOException | IllegalStateException e) {
            log.info("could not send agent {}'s screen on connection {}: {}", screen.agent(), socket.getId(),
                    e.getMessage());
        }
    }
}
