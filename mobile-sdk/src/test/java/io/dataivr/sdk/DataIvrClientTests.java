package io.dataivr.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataIvrClientTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SESSION = "{\"type\":\"session\",\"session\":\"s-1\",\"menu\":\"telecom\",\"version\":1,"
            + "\"language\":\"en\",\"resumeToken\":\"s-1.secret\"}";
    private static final String MENU = "{\"type\":\"menu\",\"menu\":\"telecom\",\"version\":1,\"language\":\"en\","
            + "\"path\":[],\"title\":\"<b>Telecom</b>\",\"items\":[{\"key\":\"1\",\"label\":\"Balance\",\"kind\":\"content\"}]}";

    private final MockWebServer server = new MockWebServer();
    private final Recorder listener = new Recorder();
    private DataIvrClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        server.shutdown();
    }

    @Test
    void requestsCompleteWithTheirAnswersWhilePushedCallUpdatesOnlyReachTheListener() throws Exception {
        FakeServer fake = new FakeServer();
        server.enqueue(new MockResponse().withWebSocketUpgrade(fake));
        client = DataIvrClient.connect(url(), listener, new ClientOptions().acceptLanguage("zh-CN"));
        client.opened().get(5, TimeUnit.SECONDS);

        var session = client.consult(null, "en", null, "tok.sig");
        JsonNode consult = fake.next();
        assertThat(consult.path("token").asText()).isEqualTo("tok.sig");
        fake.socket.send(SESSION);
        fake.socket.send(MENU);
        assertThat(session.get(5, TimeUnit.SECONDS).resumeToken).isEqualTo("s-1.secret");
        assertThat(server.takeRequest().getHeader("Accept-Language")).isEqualTo("zh-CN");

        var choice = client.choose("1");
        fake.next();
        fake.socket.send("{\"type\":\"call\",\"state\":\"ringing\",\"agent\":\"agent2\"}");
        fake.socket.send("{\"type\":\"content\",\"key\":\"1\",\"path\":[\"1\"],\"language\":\"en\",\"text\":\"<script>x</script>\"}");
        ServerMessage answer = choice.get(5, TimeUnit.SECONDS);
        assertThat(answer).isInstanceOf(ServerMessage.Content.class);
        assertThat(((ServerMessage.Content) answer).text).isEqualTo("<script>x</script>");

        var back = client.back();
        fake.next();
        fake.socket.send("{\"type\":\"error\",\"code\":\"ALREADY_AT_TOP\",\"message\":\"top\"}");
        assertThatThrownBy(() -> back.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(DataIvrException.class).hasFieldOrPropertyWithValue("code", "ALREADY_AT_TOP");
        // The listener hears a message after the future it answers completes: wait for the last one.
        assertThat(listener.typesOnceThereAre(5)).containsSubsequence("session", "menu", "call", "content", "error");
    }

    @Test
    void aDroppedConnectionIsReopenedWithBackoffAndTheSessionResumedWithItsToken() throws Exception {
        FakeServer first = new FakeServer();
        FakeServer second = new FakeServer();
        server.enqueue(new MockResponse().withWebSocketUpgrade(first));
        server.enqueue(new MockResponse().setResponseCode(503)); // the first reconnect attempt fails
        server.enqueue(new MockResponse().withWebSocketUpgrade(second));
        client = DataIvrClient.connect(url(), listener,
                new ClientOptions().backoff(Duration.ofMillis(10), Duration.ofMillis(50)));
        client.opened().get(5, TimeUnit.SECONDS);
        var session = client.consult(null, "en", "c");
        first.next();
        first.socket.send(SESSION);
        first.socket.send(MENU);
        session.get(5, TimeUnit.SECONDS);

        var lost = client.menu();
        first.next();
        first.socket.close(1001, "going away"); // the server goes away before the answer
        assertThatThrownBy(() -> lost.get(5, TimeUnit.SECONDS)).cause()
                .hasFieldOrPropertyWithValue("code", "CONNECTION_LOST");

        JsonNode resume = second.next();
        assertThat(resume.path("type").asText()).isEqualTo("resume");
        assertThat(resume.path("token").asText()).isEqualTo("s-1.secret");
        second.socket.send(SESSION.replace("\"resumeToken\":\"s-1.secret\"", "\"resumed\":true"));
        second.socket.send(MENU);
        assertThat(listener.resumed.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(listener.reconnecting).hasSizeGreaterThanOrEqualTo(2);
        assertThat(client.resumeToken()).isEqualTo("s-1.secret");

        var menu = client.menu();
        second.next();
        second.socket.send(MENU);
        assertThat(menu.get(5, TimeUnit.SECONDS).title).isEqualTo("<b>Telecom</b>");
    }

    @Test
    void aSessionTheServerNoLongerKnowsIsReportedClosed() throws Exception {
        FakeServer first = new FakeServer();
        FakeServer second = new FakeServer();
        server.enqueue(new MockResponse().withWebSocketUpgrade(first));
        server.enqueue(new MockResponse().withWebSocketUpgrade(second));
        client = DataIvrClient.connect(url(), listener,
                new ClientOptions().backoff(Duration.ofMillis(10), Duration.ofMillis(10)));
        client.opened().get(5, TimeUnit.SECONDS);
        client.consult(null, null, null);
        first.next();
        first.socket.send(SESSION);
        first.socket.send(MENU);
        first.socket.close(1011, "restart");

        second.next();
        second.socket.send("{\"type\":\"error\",\"code\":\"SESSION_NOT_FOUND\",\"message\":\"gone\"}");

        Throwable cause = listener.closed.poll(5, TimeUnit.SECONDS);
        assertThat(cause).isInstanceOf(DataIvrException.class).hasFieldOrPropertyWithValue("code", "SESSION_NOT_FOUND");
        assertThat(client.sessionId()).isNull();
    }

    private String url() {
        return server.url("/ws/v1/consultation").toString().replace("http:", "ws:");
    }

    @Test
    void endHasTheAppsSipPhoneDropTheDeviceAccountBeforeTheServerRevokesIt() throws Exception {
        FakeServer fake = new FakeServer();
        server.enqueue(new MockResponse().withWebSocketUpgrade(fake));
        List<String> steps = new CopyOnWriteArrayList<>();
        io.dataivr.sdk.sip.SipPhone phone = new io.dataivr.sdk.sip.SipPhone() {
            public void register(io.dataivr.sdk.sip.SipAccount account) { }
            public void unregister() { steps.add("unregister"); }
            public void dial(String uri) { }
            public void hangup() { }
        };
        client = DataIvrClient.connect(url(), listener, new ClientOptions().sipPhone(phone));
        client.opened().get(5, TimeUnit.SECONDS);

        var ended = client.end();
        JsonNode end = fake.next();
        steps.add(end.path("type").asText());
        fake.socket.send("{\"type\":\"ended\",\"session\":\"s-1\",\"reason\":\"customer\",\"itemsChosen\":0,"
                + "\"contentsSent\":0,\"voiceCalls\":1}");
        assertThat(ended.get(5, TimeUnit.SECONDS).voiceCalls).isEqualTo(1);
        assertThat(steps).containsExactly("unregister", "end");
    }

    @Test
    void aRefusedHangupFailsWithItsCodeAndARequestMadeMeanwhileGetsItsOwnAnswer() throws Exception {
        FakeServer fake = consulted(new ClientOptions());
        var hangup = client.hangup();
        var menu = client.menu(); // held: the next error could be the hangup's refusal or this request's answer
        assertThat(fake.next().path("type").asText()).isEqualTo("hangup");
        assertThat(fake.received.poll(300, TimeUnit.MILLISECONDS)).as("nothing sent before the hangup settles").isNull();
        fake.socket.send("{\"type\":\"error\",\"code\":\"NO_CALL\",\"message\":\"no call\"}");
        assertThatThrownBy(() -> hangup.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(DataIvrException.class)
                .hasFieldOrPropertyWithValue("code", "NO_CALL");
        assertThat(fake.next().path("type").asText()).isEqualTo("menu");
        fake.socket.send(MENU);
        assertThat(menu.get(5, TimeUnit.SECONDS)).isInstanceOf(ServerMessage.Menu.class);
    }

    @Test
    void anAcceptedHangupSettlesWhenTheCallEndsOrAfterTheSettleTimeAndHeldRequestsGoOutThen() throws Exception {
        FakeServer fake = consulted(new ClientOptions().hangupSettle(Duration.ofMillis(400)));
        var hangup = client.hangup();
        var back = client.back();
        assertThat(fake.next().path("type").asText()).isEqualTo("hangup");
        fake.socket.send("{\"type\":\"call\",\"state\":\"ended\",\"request\":\"vr-1\"}");
        hangup.get(5, TimeUnit.SECONDS);
        assertThat(fake.next().path("type").asText()).isEqualTo("back");
        fake.socket.send("{\"type\":\"error\",\"code\":\"ALREADY_AT_TOP\",\"message\":\"top\"}");
        assertThatThrownBy(() -> back.get(5, TimeUnit.SECONDS)).cause()
                .hasFieldOrPropertyWithValue("code", "ALREADY_AT_TOP");

        long before = System.nanoTime();
        var quiet = client.hangup(); // accepted, and the call's end is slow to come
        var choice = client.choose("1");
        assertThat(fake.next().path("type").asText()).isEqualTo("hangup");
        assertThat(fake.next().path("type").asText()).isEqualTo("choose");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        quiet.get(5, TimeUnit.SECONDS);
        fake.socket.send("{\"type\":\"error\",\"code\":\"ITEM_NOT_FOUND\",\"message\":\"no item\"}");
        assertThatThrownBy(() -> choice.get(5, TimeUnit.SECONDS)).cause()
                .hasFieldOrPropertyWithValue("code", "ITEM_NOT_FOUND");
    }

    /** A client with a session open on a fake server. */
    private FakeServer consulted(ClientOptions options) throws Exception {
        FakeServer fake = new FakeServer();
        server.enqueue(new MockResponse().withWebSocketUpgrade(fake));
        client = DataIvrClient.connect(url(), listener, options);
        client.opened().get(5, TimeUnit.SECONDS);
        var session = client.consult(null, "en", null, "tok.sig");
        fake.next();
        fake.socket.send(SESSION);
        fake.socket.send(MENU);
        session.get(5, TimeUnit.SECONDS);
        return fake;
    }

    private static final class FakeServer extends WebSocketListener {
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        volatile WebSocket socket;

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            socket = webSocket;
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            socket = webSocket;
            try {
                received.add(JSON.readTree(text));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
        }

        JsonNode next() throws InterruptedException {
            JsonNode message = received.poll(5, TimeUnit.SECONDS);
            assertThat(message).as("a message from the client").isNotNull();
            return message;
        }
    }

    private static final class Recorder implements ClientListener {
        final List<ServerMessage> messages = new CopyOnWriteArrayList<>();
        final List<Integer> reconnecting = new CopyOnWriteArrayList<>();
        final BlockingQueue<ServerMessage.Session> resumed = new LinkedBlockingQueue<>();
        final BlockingQueue<Throwable> closed = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(ServerMessage message) {
            messages.add(message);
        }

        @Override
        public void onReconnecting(int attempt, long delayMillis) {
            reconnecting.add(attempt);
        }

        @Override
        public void onResumed(ServerMessage.Session session) {
            resumed.add(session);
        }

        @Override
        public void onClosed(Throwable cause) {
            closed.add(cause == null ? new RuntimeException("normal") : cause);
        }

        List<String> types() {
            return messages.stream().map(ServerMessage::type).toList();
        }

        /** The types heard, once there are at least {@code count} of them (or after 5 s). */
        List<String> typesOnceThereAre(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (messages.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            return types();
        }
    }
}
