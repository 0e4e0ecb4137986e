package io.dataivr.api.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.api.Views;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.SessionService;
import io.dataivr.system.DomainException;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/** The IP channel over WebSocket: one JSON object per frame each way (docs/protocol.md). */
class ConsultationSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ConsultationSocketHandler.class);
    private static final String SESSION = "dataivr.session";

    private final SessionService sessions;
    private final SocketRegistry sockets;
    private final ObjectMapper json;

    ConsultationSocketHandler(SessionService sessions, SocketRegistry sockets, ObjectMapper json) {
        this.sessions = sessions;
        this.sockets = sockets;
        this.json = json;
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage frame) throws IOException {
        UUID sessionId = (UUID) socket.getAttributes().get(SESSION);
        if (sessionId != null) {
            MDC.put("sessionId", sessionId.toString());
        }
        try {
            ClientMessage message = ClientMessage.parse(json, frame.getPayload());
            handle(socket, sessionId, message);
        } catch (DomainException e) {
            sockets.send(socket, Views.ErrorView.of(e.code(), e.getMessage()));
        } finally {
            MDC.remove("sessionId");
        }
    }

    private void handle(WebSocketSession socket, UUID sessionId, ClientMessage message) {
        if (message instanceof ClientMessage.Consult consult) {
            if (sessionId != null) {
                throw new ProtocolError("SESSION_ALREADY_STARTED", "this connection already carries session " + sessionId);
            }
            SessionService.Started started = sessions.start(consult.menu(), consult.language(), consult.client());
            UUID id = started.session().id();
            socket.getAttributes().put(SESSION, id);
            sockets.bind(id, socket);
            sockets.send(socket, Views.SessionView.of(started.session()));
            sockets.send(socket, Views.MenuView.of(started.level()));
            return;
        }
        if (sessionId == null) {
            throw new ProtocolError("NO_SESSION", "send a consult message first");
        }
        if (message instanceof ClientMessage.Choose choose) {
            ChoiceOutcome outcome = sessions.choose(sessionId, choose.key());
            sockets.send(socket, Views.of(outcome));
            if (outcome instanceof ChoiceOutcome.ContentShown content) {
                sessions.contentSent(sessionId, content);
            }
        } else if (message instanceof ClientMessage.Back) {
            sockets.send(socket, Views.MenuView.of(sessions.back(sessionId)));
        } else if (message instanceof ClientMessage.Menu) {
            sockets.send(socket, Views.MenuView.of(sessions.level(sessionId)));
        } else if (message instanceof ClientMessage.Hangup) {
            sessions.hangUp(sessionId); // the call's end is pushed as a call message when Asterisk reports it
        } else if (message instanceof ClientMessage.End) {
            sockets.send(socket, Views.EndedView.of(sessions.end(sessionId, "customer")));
            sockets.unbind(sessionId);
            socket.getAttributes().remove(SESSION);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        UUID sessionId = (UUID) socket.getAttributes().remove(SESSION);
        if (sessionId != null) {
            sockets.unbind(sessionId);
            try {
                sessions.end(sessionId, "disconnected");
            } catch (DomainException e) {
                log.debug("session {} already ended", sessionId);
            }
        }
    }

    static final class ProtocolError extends DomainException {
        ProtocolError(String code, String message) {
            super(code, message);
        }
    }
}
