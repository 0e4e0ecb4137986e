package io.dataivr.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataivr.sdk.sip.SipPhone;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The app's end of the IP channel (WebSocket, protocol v1), asynchronous: each request returns a
 * future that completes with the server's answer (or exceptionally with a {@link DataIvrException}
 * carrying the server's error code), and every message, pushed {@code call} updates included, also
 * goes to the {@link ClientListener}. When the connection drops after a session started, the client
 * reconnects with backoff and resumes the session with its resume token; the session keeps its place
 * and its log. Uses OkHttp, so it runs on Android as on the JVM.
 *
 * <p>Every text the server sends (titles, labels, content) is plain text. The SDK never interprets it
 * as markup, and an app must show it as text (e.g. {@code TextView.setText}, never {@code Html.fromHtml}
 * or a WebView).
 */
public final class DataIvrClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;
    private final String url;
    private final ClientListener listener;
    private final ClientOptions options;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dataivr-reconnect");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Pending> pending = new ArrayDeque<>();
    /** A hangup sent and not settled yet (see {@link #hangup()}); requests made meanwhile wait in {@link #held}. */
    private Pending unsettledHangup;
    private final Deque<Held> held = new ArrayDeque<>();
    private WebSocket socket;
    private int generation;
    private String sessionId;
    private String resumeToken;
    private boolean closing;
    private int attempt;

    private DataIvrClient(String url, ClientListener listener, ClientOptions options) {
        this.url = url;
        this.listener = listener;
        this.options = options;
        this.http = new OkHttpClient.Builder()
                .pingInterval(options.pingInterval.toMillis(), TimeUnit.MILLISECONDS)
                .connectTimeout(options.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        synchronized (this) {
            open();
        }
    }

    /** Opens the channel to {@code url} (e.g. ws://127.0.0.1:8080/ws/v1/consultation), default options. */
    public static DataIvrClient connect(String url, ClientListener listener) {
        return connect(url, listener, new ClientOptions());
    }

    public static DataIvrClient connect(String url, ClientListener listener, ClientOptions options) {
        return new DataIvrClient(url, listener, options);
    }

    /** Completes when the first connection is open, or exceptionally if it could not be opened. */
    public CompletableFuture<Void> opened() {
        return opened;
    }

    /** Step 1 without a customer token (servers in demo mode only); any argument may be null. */
    public CompletableFuture<ServerMessage.Session> consult(String menu, String language, String client) {
        return consult(menu, language, client, null);
    }

    /**
     * Step 1: asks for a consultation with the customer {@code token} that the company's backend
     * minted (docs/protocol.md); menu and language may be null (server defaults). Completes with the
     * {@code session} answer; the top menu level follows as a message to the listener.
     */
    public CompletableFuture<ServerMessage.Session> consult(String menu, String language, String client,
            String token) {
        ObjectNode message = message("consult");
        putIfPresent(message, "menu", menu);
        putIfPresent(message, "language", language);
        putIfPresent(message, "client", client);
        putIfPresent(message, "token", token);
        return request(message, 2).thenApply(ServerMessage.Session.class::cast);
    }

    /** Resumes a session by its resume token (the client does this itself after a reconnect). */
    public CompletableFuture<ServerMessage.Session> resume(String token) {
        return request(message("resume").put("token", token), 2).thenApply(ServerMessage.Session.class::cast);
    }

    /** Step 4: completes with the answer: a {@code menu}, {@code content} or {@code voice} message. */
    public CompletableFuture<ServerMessage> choose(String key) {
        return request(message("choose").put("key", key), 1);
    }

    /** Step 4, refused with STALE_CHOICE if the session is no longer at {@code shownPath}. */
    public CompletableFuture<ServerMessage> choose(String key, List<String> shownPath) {
        ObjectNode message = message("choose").put("key", key);
        shownPath.forEach(message.putArray("path")::add);
        return request(message, 1);
    }

    public CompletableFuture<ServerMessage.Menu> back() {
        return request(message("back"), 1).thenApply(ServerMessage.Menu.class::cast);
    }

    /** Asks for the current level again. */
    public CompletableFuture<ServerMessage.Menu> menu() {
        return request(message("menu"), 1).thenApply(ServerMessage.Menu.class::cast);
    }

    /**
     * Hangs up the session's call, or gives up waiting for an agent. The server answers a refused
     * hangup with an error (e.g. NO_CALL) and an accepted one with nothing, the call's end arriving
     * later as a {@code call} message with state {@code ended}. The future completes exceptionally on a
     * refusal, and normally when the call's end came or {@link ClientOptions#hangupSettle} passed with
     * no refusal. Requests made before it is settled are sent after, so that each answer reaches its own
     * request.
     */
    public synchronized CompletableFuture<Void> hangup() {
        Pending hangup = new Pending(1);
        if (closing || socket == null) {
            hangup.future.completeExceptionally(new DataIvrException("CONNECTION_LOST", "the IP channel is not open"));
        } else if (unsettledHangup != null) {
            held.addLast(new Held(hangup, () -> sendHangup(hangup)));
        } else {
            sendHangup(hangup);
        }
        return hangup.future.thenApply(answer -> null);
    }

    private void sendHangup(Pending hangup) {
        if (closing || socket == null || !socket.send(message("hangup").toString())) {
            hangup.future.completeExceptionally(new DataIvrException("CONNECTION_LOST", "the IP channel is not open"));
            return;
        }
        pending.addLast(hangup);
        unsettledHangup = hangup;
        timer.schedule(() -> {
            synchronized (this) {
                if (unsettledHangup == hangup) {
                    settleHangup(null); // no refusal came: accepted
                }
            }
        }, options.hangupSettle.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends the wait on the unsettled hangup (refused with {@code refusal}, or accepted) and sends what was held. */
    private void settleHangup(DataIvrException refusal) {
        Pending hangup = unsettledHangup;
        unsettledHangup = null;
        pending.remove(hangup);
        if (refusal != null) {
            hangup.future.completeExceptionally(refusal);
        } else {
            hangup.future.complete(null);
        }
        while (unsettledHangup == null && !held.isEmpty()) {
            held.removeFirst().send().run();
        }
    }

    /**
     * Step 8: ends the session; completes with the {@code ended} answer. The server revokes the
     * session's device SIP account at once, so the SIP phone given in {@link ClientOptions#sipPhone}
     * drops it first. An app whose phone is not given there must drop it itself before ending
     * ({@link #end(SipPhone)}): a phone that un-REGISTERs a revoked account is refused (401) and retries.
     */
    public CompletableFuture<ServerMessage.Ended> end() {
        return end(options.sipPhone);
    }

    /**
     * Step 8 for an app whose SIP phone registered the session's device account: the phone drops the
     * account first ({@link SipPhone#unregister}, answered while the account is still valid; a call still
     * up is hung up with it), then the session ends. {@code phone} may be null (no SIP phone).
     */
    public CompletableFuture<ServerMessage.Ended> end(SipPhone phone) {
        if (phone != null) {
            phone.unregister();
        }
        return request(message("end"), 1).thenApply(ServerMessage.Ended.class::cast);
    }

    /** The current session's id, or null before consult and after end. */
    public synchronized String sessionId() {
        return sessionId;
    }

    /** The token that resumes the current session, or null. */
    public synchronized String resumeToken() {
        return resumeToken;
    }

    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            if (socket != null) {
                socket.close(1000, "bye");
            }
            failPending(new DataIvrException("CONNECTION_LOST", "the client was closed"));
        }
        timer.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    static ServerMessage decode(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? ServerMessage.decode(node, text)
                    : new ServerMessage.Unknown(text, "undecodable");
        } catch (IOException e) {
            return new ServerMessage.Unknown(text, "undecodable");
        }
    }

    // --- connection -------------------------------------------------------------------------------

    private void open() {
        int mine = ++generation;
        Request.Builder request = new Request.Builder().url(url);
        if (options.acceptLanguage != null) {
            request.header("Accept-Language", options.acceptLanguage);
        }
        socket = http.newWebSocket(request.build(), new Connection(mine));
    }

    private final class Connection extends WebSocketListener {
        private final int mine;

        Connection(int mine) {
            this.mine = mine;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            String token;
            synchronized (DataIvrClient.this) {
                if (mine != generation) {
                    return;
                }
                token = attempt > 0 ? resumeToken : null;
            }
            opened.complete(null);
            if (token != null) {
                resumeAfterReconnect(token);
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            synchronized (DataIvrClient.this) {
                if (mine != generation) {
                    return;
                }
            }
            received(decode(text));
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            if (code == 4001) {
                lost(mine, new DataIvrException("RESUMED_ELSEWHERE", reason), false);
            } else {
                lost(mine, code == 1000 ? null : new IOException("closed by the server: " + code + " " + reason),
                        code != 1000);
            }
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            opened.completeExceptionally(t);
            lost(mine, t, true);
        }
    }

    private void resumeAfterReconnect(String token) {
        resume(token).whenComplete((session, failure) -> {
            if (failure == null) {
                synchronized (this) {
                    attempt = 0;
                }
                listener.onResumed(session);
                return;
            }
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof DataIvrException && "CONNECTION_LOST".equals(((DataIvrException) cause).code())) {
                return; // the new connection dropped too; lost() schedules the next attempt
            }
            giveUp(cause);
        });
    }

    private void lost(int which, Throwable cause, boolean mayReconnect) {
        int next;
        synchronized (this) {
            if (which != generation || closing) {
                return;
            }
            failPending(new DataIvrException("CONNECTION_LOST", "the connection dropped before the answer came",
                    cause));
            boolean resumable = mayReconnect && options.reconnect && resumeToken != null
                    && attempt < options.maxAttempts;
            if (!resumable) {
                closing = true;
                next = -1;
            } else {
                next = ++attempt;
            }
        }
        if (next < 0) {
            if (cause != null && attempt >= options.maxAttempts && resumeToken != null) {
                listener.onClosed(new DataIvrException("RECONNECT_FAILED", "gave up after " + attempt
                        + " attempts", cause));
            } else {
                listener.onClosed(cause);
            }
            return;
        }
        long delay = options.backoffMillis(next, ThreadLocalRandom.current().nextDouble());
        listener.onReconnecting(next, delay);
        try {
            timer.schedule(() -> {
                synchronized (this) {
                    if (!closing) {
                        open();
                    }
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            listener.onClosed(cause);
        }
    }

    private void giveUp(Throwable cause) {
        synchronized (this) {
            closing = true;
            sessionId = null;
            resumeToken = null;
            if (socket != null) {
                socket.close(1000, "session lost");
            }
        }
        listener.onClosed(cause);
    }

    // --- requests and answers ---------------------------------------------------------------------

    /** A request made while a hangup was unsettled, and how to send it once it is. */
    private record Held(Pending request, Runnable send) {
    }

    private static final class Pending {
        final CompletableFuture<ServerMessage> future = new CompletableFuture<>();
        int remaining;

        Pending(int remaining) {
            this.remaining = remaining;
        }
    }

    private synchronized CompletableFuture<ServerMessage> request(ObjectNode message, int answers) {
        Pending request = new Pending(answers);
        if (unsettledHangup != null && !closing) {
            held.addLast(new Held(request, () -> send(message, request)));
            return request.future;
        }
        send(message, request);
        return request.future;
    }

    private void send(ObjectNode message, Pending request) {
        if (closing || socket == null || !socket.send(message.toString())) {
            request.future.completeExceptionally(new DataIvrException("CONNECTION_LOST", "the IP channel is not open"));
            return;
        }
        pending.addLast(request);
    }

    private void received(ServerMessage message) {
        Pending answered = null;
        synchronized (this) {
            if (message instanceof ServerMessage.Session) {
                ServerMessage.Session session = (ServerMessage.Session) message;
                sessionId = session.session;
                if (session.resumeToken != null) {
                    resumeToken = session.resumeToken;
                }
            } else if (message instanceof ServerMessage.Ended) {
                sessionId = null;
                resumeToken = null;
            }
            if (unsettledHangup != null && pending.peekFirst() == unsettledHangup) {
                // Every request sent before the hangup has its answer: an error now is the hangup's refusal,
                // the call's end says it was accepted; nothing else answers it.
                if (message instanceof ServerMessage.Error) {
                    ServerMessage.Error error = (ServerMessage.Error) message;
                    settleHangup(new DataIvrException(error.code, error.message));
                } else if (message instanceof ServerMessage.Call && "ended".equals(((ServerMessage.Call) message).state)) {
                    settleHangup(null);
                }
            } else if (!(message instanceof ServerMessage.Call) && !pending.isEmpty()) {
                Pending head = pending.peekFirst();
                boolean error = message instanceof ServerMessage.Error;
                if (error || --head.remaining <= 0) {
                    pending.removeFirst();
                }
                if (!head.future.isDone()) {
                    answered = head;
                }
            }
        }
        if (answered != null) {
            if (message instanceof ServerMessage.Error) {
                ServerMessage.Error error = (ServerMessage.Error) message;
                answered.future.completeExceptionally(new DataIvrException(error.code, error.message));
            } else {
                answered.future.complete(message);
            }
        }
        listener.onMessage(message);
    }

    private void failPending(DataIvrException cause) {
        unsettledHangup = null;
        while (!pending.isEmpty()) {
            pending.removeFirst().future.completeExceptionally(cause);
        }
        while (!held.isEmpty()) {
            held.removeFirst().request().future.completeExceptionally(cause);
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
}
