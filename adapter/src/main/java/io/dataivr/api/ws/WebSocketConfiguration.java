package io.dataivr.api.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.session.SessionResumption;
import io.dataivr.session.SessionService;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(ChannelProperties.class)
class WebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws/v1/consultation";

    private final SessionService sessions;
    private final SessionResumption resumption;
    private final SocketRegistry sockets;
    private final ObjectMapper json;
    private final ChannelProperties limits;
    private final Clock clock;

    WebSocketConfiguration(SessionService sessions, SessionResumption resumption, SocketRegistry sockets,
            ObjectMapper json, ChannelProperties limits, Clock clock) {
        this.sessions = sessions;
        this.resumption = resumption;
        this.sockets = sockets;
        this.json = json;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new ConsultationSocketHandler(sessions, resumption, sockets, json, limits, clock), PATH)
                .setAllowedOriginPatterns("*");
    }

    /** The container's own limit, above the channel's: frames between the two get FRAME_TOO_LARGE. */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer(ChannelProperties channel) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(channel.containerLimit());
        container.setMaxSessionIdleTimeout(30 * 60 * 1000L);
        return container;
    }
}
