package io.dataivr.api.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.agent.AgentService;
import io.dataivr.screen.ScreenService;
import io.dataivr.session.resume.SessionResumption;
import io.dataivr.session.consult.SessionService;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
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
    static final int SOCKET_BUFFER_BYTES = 2 * 1024;

    private final SessionService sessions;
    private final SessionResumption resumption;
    private final SocketRegistry sockets;
    private final ObjectMapper json;
    private final ChannelProperties limits;
    private final Clock clock;
    private final ScreenService screens;
    private final AgentService agents;

    WebSocketConfiguration(SessionService sessions, SessionResumption resumption, SocketRegistry sockets,
            ObjectMapper json, ChannelProperties limits, Clock clock, ScreenService screens, AgentService agents) {
        this.sessions = sessions;
        this.resumption = resumption;
        this.sockets = sockets;
        this.json = json;
        this.limits = limits;
        this.clock = clock;
        this.screens = screens;
        this.agents = agents;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Both check the Origin before the upgrade: OriginCheck answers a refusal with a problem detail,
        // and Spring's own check (always added after it) is given the same patterns so it agrees.
        String[] origins = limits.allowedOrigins().toArray(String[]::new);
        OriginCheck originCheck = new OriginCheck(limits.allowedOrigins(), json);
        NoExtensionsHandshake handshake = new NoExtensionsHandshake();
        registry.addHandler(new ConsultationSocketHandler(sessions, resumption, sockets, json, limits, clock), PATH)
                .setHandshakeHandler(handshake).addInterceptors(originCheck).setAllowedOriginPatterns(origins);
        registry.addHandler(new AgentScreenSocketHandler(screens, agents, json, clock), AgentScreenSocketHandler.PATH)
                .setHandshakeHandler(handshake).addInterceptors(originCheck).setAllowedOriginPatterns(origins);
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

    /**
     * The container's own limit, above the channel's: frames between the two get FRAME_TOO_LARGE.
     * Tomcat allocates this buffer for every connection, so it stays small.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer(ChannelProperties channel) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(channel.containerLimit());
        container.setMaxBinaryMessageBufferSize(1024);
        container.setMaxSessionIdleTimeout(30 * 60 * 1000L);
        return container;
    }
}
