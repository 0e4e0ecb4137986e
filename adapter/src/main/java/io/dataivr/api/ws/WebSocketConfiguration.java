package io.dataivr.api.ws;

import org.springframework.context.annotation.Profile;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.session.SessionService;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
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
    static final int SOCKET_BUFFER_BYTES = 2 * 1024;

    private final SessionService sessions;
    private final SocketRegistry sockets;
    private final ObjectMapper json;

    WebSocketConfiguration(SessionService sessions, SocketRegistry sockets, ObjectMapper json) {
        this.sessions = sessions;
        this.sockets = sockets;
        this.json = json;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new ConsultationSocketHandler(sessions, sockets, json), PATH).setAllowedOriginPatterns("*");
    }

    /**
     * Each app keeps a connection open for its whole session, so per-connection buffers decide how
     * many sessions fit in the heap: Tomcat's 8 KiB socket buffers each way are cut to 2 KiB
     * (every IP-channel frame is far smaller; larger ones are still read in pieces).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSocketBuffers() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", String.valueOf(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", String.valueOf(SOCKET_BUFFER_BYTES));
        });
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

