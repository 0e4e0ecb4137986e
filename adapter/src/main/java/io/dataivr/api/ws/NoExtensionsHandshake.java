package io.dataivr.api.ws;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.server.standard.TomcatRequestUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The handshake of the adapter's sockets: it agrees to no WebSocket extension. Browsers and the SDK's
 * OkHttp offer permessage-deflate, and Tomcat keeps a zlib deflater and inflater for every connection
 * that takes it: about 100 KB more of the adapter's native memory per open session (bench/socket-memory.sh),
 * outside the heap that the idle-session figure counts, to compress frames of a few hundred bytes.
 *
 * <p>Spring's choice of extensions is not enough: Tomcat negotiates its own built-in ones whenever the
 * endpoint lists none, so the upgrade hands Tomcat an endpoint whose configurator negotiates none.
 */
final class NoExtensionsHandshake extends DefaultHandshakeHandler {

    NoExtensionsHandshake() {
        super(new WithoutExtensions());
    }

    @Override
    protected List<WebSocketExtension> filterRequestedExtensions(ServerHttpRequest request,
            List<WebSocketExtension> requested, List<WebSocketExtension> supported) {
        return List.of();
    }

    private static final class WithoutExtensions extends TomcatRequestUpgradeStrategy {

        @Override
        protected void upgradeHttpToWebSocket(HttpServletRequest request, HttpServletResponse response,
                ServerEndpointConfig config, Map<String, String> pathParams) throws Exception {
            ServerEndpointConfig refusing = ServerEndpointConfig.Builder
                    .create(config.getEndpointClass(), config.getPath())
                    .configurator(new RefusingConfigurator(config.getConfigurator()))
                    .subprotocols(config.getSubprotocols()).extensions(List.of())
                    .encoders(config.getEncoders()).decoders(config.getDecoders()).build();
            refusing.getUserProperties().putAll(config.getUserProperties());
            super.upgradeHttpToWebSocket(request, response, refusing, pathParams);
        }
    }

    /** Spring's configurator (it holds the endpoint instance), except that it negotiates no extension. */
    private static final class RefusingConfigurator extends ServerEndpointConfig.Configurator {

        private final ServerEndpointConfig.Configurator spring;

        RefusingConfigurator(ServerEndpointConfig.Configurator spring) {
            this.spring = spring;
        }

        @Override
        public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
            return List.of();
        }

        @Override
        public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
            return spring.getNegotiatedSubprotocol(supported, requested);
        }

        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return spring.checkOrigin(originHeaderValue);
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            spring.modifyHandshake(config, request, response);
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
            return spring.getEndpointInstance(endpointClass);
        }
    }
}
