package io.dataivr.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One WebSocket to the adapter; complete frames go to the handler on the client's thread. */
final class Channel implements WebSocket.Listener {

    private final StringBuilder partial = new StringBuilder();
    private volatile Consumer<String> handler = frame -> { };
    private WebSocket socket;

    static Channel open(HttpClient http, URI uri) {
        Channel channel = new Channel();
        channel.socket = http.newWebSocketBuilder().connectTimeout(java.time.Duration.ofSeconds(10))
                .buildAsync(uri, channel).orTimeout(30, TimeUnit.SECONDS).join();
        return channel;
    }

    void onFrame(Consumer<String> frameHandler) {
        this.handler = frameHandler;
    }

    void send(String text) {
        synchronized (this) {
            socket.sendText(text, true).join();
        }
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            handler.accept(frame);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        handler.accept("{\"type\":\"closed\",\"error\":\"" + error.getClass().getSimpleName() + "\"}");
    }
}
