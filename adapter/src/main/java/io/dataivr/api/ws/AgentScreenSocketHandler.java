package io.dataivr.api.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.agent.Agent;
import io.dataivr.agent.AgentName;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.AgentStateListener;
import io.dataivr.api.AgentStateView;
import io.dataivr.api.ScreenView;
import io.dataivr.screen.AgentScreen;
import io.dataivr.screen.ScreenListener;
import io.dataivr.screen.ScreenService;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /ws/v1/agent?agent=NAME}: the agent console's one socket. On connect it sends the agent's state
 * ({@code type: agent}) and its screen ({@code type: screen}); then each again on every change: a state
 * transition (from the roster, whoever caused it: the console, the phone's feature codes, a call) and a
 * change of the screen pop. Frames are encoded and sent on one thread of the handler's own, in the order
 * the changes happened, so the roster's lock is never held while a socket writes. Read-only: frames from
 * the agent are ignored.
 */
class AgentScreenSocketHandler extends TextWebSocketHandler implements ScreenListener, AgentStateListener {

    static final String PATH = "/ws/v1/agent";
    private static final Logger log = LoggerFactory.getLogger(AgentScreenSocketHandler.class);
    private static final String AGENT = "dataivr.agent";

    private final ScreenService screens;
    private final AgentService agents;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Set<WebSocketSession>> byAgent = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "agent-console-push");
        thread.setDaemon(true);
        return thread;
    });

    AgentScreenSocketHandler(ScreenService screens, AgentService agents, ObjectMapper json, Clock clock) {
        this.screens = screens;
        this.agents = agents;
        this.json = json;
        this.clock = clock;
        screens.subscribe(this);
        agents.subscribe(this);
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
        sender.execute(() -> {
            send(safe, agent, AgentStateView.of(agents.agent(agent), agents.since(agent), clock.instant()));
            send(safe, agent, ScreenView.of(screens.screenOf(agent)));
        });
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
        if (byAgent.containsKey(screen.agent())) {
            sender.execute(() -> broadcast(screen.agent(), ScreenView.of(screen)));
        }
    }

    /** Called under the roster's lock: only hands the frame on. */
    @Override
    public void changed(Agent before, Agent after, Instant since) {
        if (byAgent.containsKey(after.name())) {
            Instant now = clock.instant();
            sender.execute(() -> broadcast(after.name(), AgentStateView.of(after, since, now)));
        }
    }

    private void broadcast(String agent, Object frame) {
        Set<WebSocketSession> sockets = byAgent.get(agent);
        if (sockets != null) {
            sockets.forEach(socket -> send(socket, agent, frame));
        }
    }

    private void send(WebSocketSession socket, String agent, Object frame) {
        try {
            socket.sendMessage(new TextMessage(json.writeValueAsString(frame)));
        } catch (JsonProcessingException e) {
            log.warn("cannot encode a frame for agent {}: {}", agent, e.getMessage());
        } catch (IOException | IllegalStateException e) {
            log.info("could not send agent {}'s console a frame on connection {}: {}", agent, socket.getId(),
                    e.getMessage());
        }
    }
}
