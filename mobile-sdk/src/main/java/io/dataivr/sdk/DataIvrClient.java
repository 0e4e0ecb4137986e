package io.dataivr.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The app's end of the IP channel (WebSocket, protocol v1). Methods send and return at once; the
 * answers arrive at the {@link ClientListener}. Uses OkHttp, so it runs on Android as on the JVM.
 */
public final class DataIvrClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;
    private final WebSocket socket;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();

    private DataIvrClient(OkHttpClient http, String url, ClientListener listener) {
        this.http = http;
        this.socket = http.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                opened.complete(null);
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                listener.onMessage(decode(text));
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(1000, null);
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                listener.onClosed(null);
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                opened.completeExceptionally(t);
                listener.onClosed(t);
            }
        });
    }

    /** Opens the channel to {@code url} (e.g. ws://127.0.0.1:8080/ws/v1/consultation). */
    public static DataIvrClient connect(String url, ClientListener listener) {
        OkHttpClient http = new OkHttpClient.Builder()
                .pingInterval(20, TimeUnit.SECONDS)
                .connectTimeout(5, TimeUnit.SECONDS)
                .build();
        return new DataIvrClient(http, url, listener);
    }

    /** Completes when the connection is open, or exceptionally if it could not be opened. */
    public CompletableFuture<Void> opened() {
        return opened;
    }

    /** Step 1: asks for a consultation; menu and language may be null (server defaults). */
    public void consult(String menu, String language, String client) {
        ObjectNode message = message("consult");
        putIfPresent(message, "menu", menu);
        putIfPresent(message, "language", language);
        putIfPresent(message, "client", client);
        send(message);
    }

    /** Step 4: the customer chose the item {@code key} at the current level. */
    public void choose(String key) {
        send(message("choose").put("key", key));
    }

    public void back() {
        send(message("back"));
    }

    /** Asks for the current level again. */
    public void menu() {
        send(message("menu"));
    }

    /** Hangs up the session's call, or gives up waiting for an agent; the server reports the end as a call message. */
    public void hangup() {
        send(message("hangup"));
    }

    /** Step 8: ends the session; the server answers with an {@code ended} message. */
    public void end() {
        send(message("end"));
    }

    @Override
    public void close() {
        socket.close(1000, "bye");
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    static ServerMessage decode(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return ServerMessage.decode(node, text);
        } catch (IOException e) {
            return new ServerMessage.Unknown(text, "undecodable");
        }
    }

    private static ObjectNode message(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static void putIfPresent(ObjectNode message, String field, String value) {
        if (value != null) {
            message.put(field, value);
        }
    }

    private void send(ObjectNode message) {
        if (!socket.send(message.toString())) {
            throw new IllegalStateException("the IP channel is closed");
        }
    }
}
