package io.dataivr.api.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.AgentCredentials;
import io.dataivr.fixtures.SignIn;
import io.dataivr.session.token.SessionTokens;
import io.dataivr.signin.ConsoleUserStore;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cross-site WebSocket hijacking: a page of another origin may not open the consultation nor the
 * agent WebSocket (refused before the upgrade, so no connection and no session exist); the adapter's
 * own origin and clients that send no Origin (native apps, the Java SDK) may. And the handshake's other
 * half: no socket agrees to a WebSocket extension.
 */
@IntegrationTest
class WebSocketOriginIntegrationTests {

    private static final String AGENT = "agent6";

    @LocalServerPort
    int port;
    @Autowired
    SessionTokens tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConsoleUserStore users;

    @Test
    void aForeignOriginIsRefusedBeforeTheUpgradeOnBothEndpoints() throws Exception {
        for (String path : new String[] {"/ws/v1/consultation", "/ws/v1/agent?agent=" + AGENT}) {
            for (String origin : new String[] {"https://evil.example", "http://127.0.0.1:" + (port + 1), "null"}) {
                try (Socket raw = socket()) {
                    send(raw, handshake(path, origin, "close, Upgrade"));
                    String answer = new String(raw.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
                    String body = answer.substring(head.length() + 4);
                    assertThat(head).as(path + " from " + origin).startsWith("HTTP/1.1 403")
                            .containsIgnoringCase("Content-Type: application/problem+json")
                            .doesNotContainIgnoringCase("Upgrade: websocket");
                    // The problem detail and nothing after it (an upgraded agent screen would push a frame).
                    assertThat(body).as(path + " from " + origin).startsWith("{\"type\":\"about:blank\"")
                            .endsWith(",\"code\":\"ORIGIN_NOT_ALLOWED\"}");
                }
            }
        }
    }

    @Test
    void noSessionIsOpenedOnARefusedHandshakeWhileTheSameRequestFromTheOwnOriginOpensOne() throws Exception {
        String refused = "foreign-origin-" + UUID.randomUUID();
        try (Socket raw = socket()) {
            send(raw, handshake("/ws/v1/consultation", "https://evil.example", "Upgrade"));
            assertThat(readHeaders(raw.getInputStream())).startsWith("HTTP/1.1 403");
            // A client that carries on as if upgraded: its frame is not read as WebSocket.
            raw.getOutputStream().write(maskedText(consult(tokens.mint(refused, Duration.ofMinutes(5)))));
            raw.getOutputStream().flush();
            raw.getInputStream().readAllBytes();
        }
        String own = "own-origin-" + UUID.randomUUID();
        try (Socket raw = socket()) {
            send(raw, handshake("/ws/v1/consultation", "http://127.0.0.1:" + port, "Upgrade"));
            assertThat(readHeaders(raw.getInputStream())).startsWith("HTTP/1.1 101");
            raw.getOutputStream().write(maskedText(consult(tokens.mint(own, Duration.ofMinutes(5)))));
            raw.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> sessionsOf(own) == 1);
        }
        assertThat(sessionsOf(refused)).isZero();
    }

    @Test
    void theOwnOriginAndClientsWithoutOriginOpenBothWebSockets() throws Exception {
        for (String origin : new String[] {null, "http://127.0.0.1:" + port}) {
            try (Socket raw = socket()) {
                send(raw, handshake("/ws/v1/consultation", origin, "Upgrade"));
                assertThat(readHeaders(raw.getInputStream())).as("consultation from " + origin)
                        .startsWith("HTTP/1.1 101");
            }
            try (Socket raw = socket()) {
                send(raw, handshake("/ws/v1/agent?agent=" + AGENT, origin, "Upgrade"));
                InputStream in = raw.getInputStream();
                assertThat(readHeaders(in)).as("agent screen from " + origin).startsWith("HTTP/1.1 101");
                assertThat(in.read() & 0x0F).as("the screen is pushed at once (a text frame)").isEqualTo(0x1);
            }
        }
    }

    /**
     * Browsers and the SDK's OkHttp offer permessage-deflate; no socket takes it (NoExtensionsHandshake): the
     * answer names no extension and the frames pushed come uncompressed (RSV1 clear), as the client reads them.
     */
    @Test
    void everySocketRefusesPermessageDeflateAsBrowsersOfferIt() throws Exception {
        SignIn.ensureTestSupervisor(users);
        String offer = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";
        try (Socket raw = socket()) {
            send(raw, handshake("/ws/v1/consultation", null, "Upgrade", offer));
            String head = readHeaders(raw.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
            raw.getOutputStream().write(maskedText(consult(tokens.mint("no-deflate-" + UUID.randomUUID(),
                    Duration.ofMinutes(5)))));
            raw.getOutputStream().flush();
            assertThat(raw.getInputStream().read()).as("the session answer: final text frame, RSV1 clear")
                    .isEqualTo(0x81);
        }
        String supervisor = "Authorization: " + AgentCredentials.basic(SignIn.SUPERVISOR, SignIn.SUPERVISOR_PASSWORD)
                + "\r\n";
        for (String path : new String[] {"/ws/v1/agent?agent=" + AGENT, "/ws/v1/wallboard"}) {
            try (Socket raw = socket()) {
                send(raw, handshake(path, null, "Upgrade", offer + (path.endsWith("wallboard") ? supervisor : "")));
                String head = readHeaders(raw.getInputStream());
                assertThat(head).as(path).startsWith("HTTP/1.1 101")
                        .doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
                assertThat(raw.getInputStream().read()).as(path + ": the first push, final text frame, RSV1 clear")
                        .isEqualTo(0x81);
            }
        }
    }

    private Socket socket() throws Exception {
        Socket raw = new Socket("127.0.0.1", port);
        raw.setSoTimeout(10_000);
        return raw;
    }

    private String handshake(String path, String origin, String connection) {
        return handshake(path, origin, connection, "");
    }

    private String handshake(String path, String origin, String connection, String moreHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: " + connection + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + (path.startsWith("/ws/v1/agent") ? "Authorization: " + AgentCredentials.basic(AGENT) + "\r\n" : "")
                + moreHeaders + "\r\n";
    }

    private int sessionsOf(String customer) {
        return jdbc.queryForObject("select count(*) from consultation_session where client_ref = ?", Integer.class,
                customer);
    }

    private static void send(Socket raw, String text) throws Exception {
        OutputStream out = raw.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String consult(String token) {
        return "{\"type\":\"consult\",\"language\":\"en\",\"token\":\"" + token + "\"}";
    }

    /** One masked text frame, as a client sends it. */
    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {7, 3, 5, 11};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xFF);
        }
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    private static String readHeaders(InputStream in) throws Exception {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            text.append((char) b);
        }
        return text.toString();
    }
}
