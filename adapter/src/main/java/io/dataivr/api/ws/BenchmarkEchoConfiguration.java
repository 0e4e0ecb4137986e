package io.dataivr.api.ws;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * {@code /ws/v1/echo}, only when {@code dataivr.benchmark.echo=true} (the benchmarks start the adapter so), with
 * the channel's handshake.
 */
@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dataivr.benchmark.echo", havingValue = "true")
class BenchmarkEchoConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws/v1/echo";

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new EchoSocketHandler(), PATH).setHandshakeHandler(new NoExtensionsHandshake());
    }
}
