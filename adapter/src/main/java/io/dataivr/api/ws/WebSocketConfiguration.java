package io.dataivr.api.ws;

import org.springframework.context.annotation.Profile;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.screen.ScreenService;
import io.dataivr.session.SessionService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws/v1/consultation";
    /** The largest frame an app may send; every client message is far smaller. Tomcat allocates it per connection. */
    static final int MAX_FRAME_CHARS = 4 * 1024;

    private final SessionService sessions;
    private final SocketRegistry sockets;
    private final ObjectMapper json;
    private final ScreenService screens;

    WebSocketConfiguration(SessionService sessions, SocketRegistry sockets, ObjectMapper json,
            ScreenService screens) {
        this.sessions = sessions;
        this.sockets = sockets;
        this.json = json;
        this.screens = screens;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new ConsultationSocketHandler(sessions, sockets, json), PATH).setAllowedOriginPatterns("*");
        registry.addHandler(new AgentScreenSocketHandler(screens, json), AgentScreenSocketHandler.PATH)
                .setAllowedOriginPatterns("*");
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_FRAME_CHARS);
        container.setMaxBinaryMessageBufferSize(1024);
        container.setMaxSessionIdleTimeout(30 * 60 * 1000L);
        return container;
    }
}

