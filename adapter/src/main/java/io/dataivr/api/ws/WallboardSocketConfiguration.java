package io.dataivr.api.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.report.WallboardService;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** {@code /ws/v1/wallboard}, with the same Origin check and handshake as the other sockets ({@link WebSocketConfiguration}). */
@Profile("!admin")
@Configuration(proxyBeanMethods = false)
class WallboardSocketConfiguration implements WebSocketConfigurer {

    private final WallboardService wallboard;
    private final ObjectMapper json;
    private final ChannelProperties limits;

    WallboardSocketConfiguration(WallboardService wallboard, ObjectMapper json, ChannelProperties limits) {
        this.wallboard = wallboard;
        this.json = json;
        this.limits = limits;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new WallboardSocketHandler(wallboard, json), WallboardSocketHandler.PATH)
                .setHandshakeHandler(new NoExtensionsHandshake()).addInterceptors(new OriginCheck(limits.allowedOrigins(), json))
                .setAllowedOriginPatterns(limits.allowedOrigins().toArray(String[]::new));
    }
}
