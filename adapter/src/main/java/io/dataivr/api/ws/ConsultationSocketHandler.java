package io.dataivr.api.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.api.Views;
import io.dataivr.session.CallState;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.consult.ConsultRequest;
import io.dataivr.session.device.DeviceKind;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.MenuLevel;
import io.dataivr.session.resume.SessionResumption;
import io.dataivr.session.consult.SessionService;
import io.dataivr.system.DomainException;
import io.dataivr.system.TokenBucket;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The IP channel over WebSocket: one JSON object per frame each way (docs/protocol.md). Every frame
 * is rate limited and size checked before it is decoded; a dropped connection leaves its session
 * waiting for a {@code resume}.
 */
class ConsultationSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ConsultationSocketHandler.class);
    private static final String SESSION = "dataivr.session";
    private static final String BUCKET = "dataivr.bucket";
    /** The session id as text, for the MDC of every frame. */
    private static final String SESSION_TEXT = "dataivr.session.text";
    /** Close code sent to a connection whose session was resumed on another connection. */
    static final CloseStatus RESUMED_ELSEWHERE = new CloseStatus(4001, "session resumed on another connection");

    private final SessionService sessions;
    private final SessionResumption resumption;
    private final SocketRegistry sockets;
    private final ChannelProperties limits;
    private final Clock clock;
    private final FrameCache frames;
    private final com.fasterxml.jackson.databind.ObjectReader decoder;

    ConsultationSocketHandler(SessionService sessions, SessionResumption resumption, SocketRegistry sockets,
            ObjectMapper json, ChannelProperties limits, Clock clock) {
        this.frames = new FrameCache(json, FrameCache.DEFAULT_MAX_CHARS);
        this.sessions = sessions;
        this.resumption = resumption;
        this.sockets = sockets;
        this.decoder = ClientMessage.decoder(json);
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        socket.getAttributes().put(BUCKET, new TokenBucket(limits.messagesPerSecond(), limits.burst(), clock));
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage frame) throws IOException {
        UUID sessionId = (UUID) socket.getAttributes().get(SESSION);
        if (sessionId != null) {
            MDC.put("sessionId", (String) socket.getAttributes().get(SESSION_TEXT));
        }
        try {
            TokenBucket bucket = (TokenBucket) socket.getAttributes().get(BUCKET);
            if (bucket != null && !bucket.tryTake()) {
                throw new ProtocolError("RATE_LIMITED", "more than " + limits.messagesPerSecond()
                        + " messages a second; this one was dropped");
            }
            int bytes = utf8Length(frame.getPayload());
            if (bytes > limits.containerLimit()) { // the container counts characters; the hard limit is in bytes
                log.info("frame of {} bytes is over the hard limit of {}: connection closed (1009)", bytes,
                        limits.containerLimit());
                socket.close(CloseStatus.TOO_BIG_TO_PROCESS);
                return;
            }
            if (bytes > limits.maxFrameBytes()) {
                throw new ProtocolError("FRAME_TOO_LARGE", "frames are limited to " + limits.maxFrameBytes()
                        + " bytes; this one was dropped");
            }
            handle(socket, sessionId, ClientMessage.parse(decoder, frame.getPayload()));
        } catch (DomainException e) {
            sockets.send(socket, Views.ErrorView.of(e.code(), e.getMessage()));
        } finally {
            MDC.remove("sessionId");
        }
    }

    private void handle(WebSocketSession socket, UUID sessionId, ClientMessage message) {
        if (message instanceof ClientMessage.Consult consult) {
            requireNoSession(sessionId);
            SessionService.Started started = sessions.start(new ConsultRequest(consult.menu(), consult.language(),
                    acceptLanguage(socket), consult.token(), consult.client(), consult.sipAccount(),
                    DeviceKind.fromWire(consult.device())));
            UUID id = started.session().id();
            attach(socket, id);
            sockets.send(socket, Views.SessionView.of(started.session(), resumption.issue(id), null,
                    started.sipAccount()));
            sendLevel(socket, started.level());
            return;
        }
        if (message instanceof ClientMessage.Resume resume) {
            requireNoSession(sessionId);
            SessionResumption.Resumed resumed = resumption.resume(resume.token());
            ConsultationSession session = resumed.session();
            attach(socket, session.id());
            sockets.send(socket, Views.SessionView.of(session, null, true));
            sendLevel(socket, resumed.level());
            if (!(session.call() instanceof CallState.NoCall)) { // in progress, or how it ended
                sockets.send(socket, Views.CallView.of(session.call()));
            }
            return;
        }
        if (sessionId == null) {
            throw new ProtocolError("NO_SESSION", "send a consult or resume message first");
        }
        if (message instanceof ClientMessage.Choose choose) {
            ChoiceOutcome outcome = sessions.choose(sessionId, choose.key(), choose.path());
            if (outcome instanceof ChoiceOutcome.LevelShown shown) {
                sendLevel(socket, shown.level());
            } else if (outcome instanceof ChoiceOutcome.ContentShown content) {
                sockets.send(socket, frames.frame(content, Views.ContentView::of), "content");
                sessions.contentSent(sessionId, content); // claim 2: logged once sent
            } else {
                sockets.send(socket, Views.of(outcome));
            }
        } else if (message instanceof ClientMessage.Back) {
            sendLevel(socket, sessions.back(sessionId));
        } else if (message instanceof ClientMessage.Menu) {
            sendLevel(socket, sessions.level(sessionId));
        } else if (message instanceof ClientMessage.Hangup) {
            sessions.hangUp(sessionId); // the call's end is pushed as a call message when Asterisk reports it
        } else if (message instanceof ClientMessage.End) {
            Views.EndedView ended = Views.EndedView.of(sessions.end(sessionId, "customer"));
            sockets.send(socket, ended);
            sockets.unbindIf(sessionId, socket);
            socket.getAttributes().remove(SESSION);
            socket.getAttributes().remove(SESSION_TEXT);
        }
    }

    private void sendLevel(WebSocketSession socket, MenuLevel level) {
        sockets.send(socket, frames.frame(level, Views.MenuView::of), "menu");
    }

    private void attach(WebSocketSession socket, UUID sessionId) {
        socket.getAttributes().put(SESSION_TEXT, sessionId.toString());
        socket.getAttributes().put(SESSION, sessionId);
        WebSocketSession previous = sockets.bind(sessionId, socket);
        if (previous != null && !previous.getId().equals(socket.getId())) {
            previous.getAttributes().remove(SESSION);
            try {
                previous.close(RESUMED_ELSEWHERE);
            } catch (IOException | RuntimeException e) {
                log.debug("could not close the previous connection of session {}: {}", sessionId, e.toString());
            }
        }
    }

    private static void requireNoSession(UUID sessionId) {
        if (sessionId != null) {
            throw new ProtocolError("SESSION_ALREADY_STARTED", "this connection already carries session " + sessionId);
        }
    }

    private static String acceptLanguage(WebSocketSession socket) {
        HttpHeaders headers = socket.getHandshakeHeaders();
        return headers == null ? null : headers.getFirst(HttpHeaders.ACCEPT_LANGUAGE);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        UUID sessionId = (UUID) socket.getAttributes().remove(SESSION);
        if (sessionId != null && sockets.unbindIf(sessionId, socket)) {
            resumption.detached(sessionId);
        }
        sockets.forget(socket);
    }

    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
