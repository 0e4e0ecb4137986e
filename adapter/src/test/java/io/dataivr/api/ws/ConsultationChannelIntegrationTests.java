package io.dataivr.api.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.call.ChannelId;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.fixtures.SocketProbe;
import io.dataivr.session.token.SessionTokens;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.store.pg.JdbcSessionStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The IP channel over a real WebSocket, with the real PostgreSQL behind it (docs/protocol.md). */
@IntegrationTest
class ConsultationChannelIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    SessionTokens tokens;
    @Autowired
    VoiceCallService calls;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JdbcSessionStore sessionWrites;
    @Value("${dataivr.session.token-secret}")
    String secret;

    @Test
    void aCustomerTokenOpensOneSessionAndForgedExpiredOrReplayedTokensAreRefused() throws Exception {
        String token = tokens.mint("app-user-" + UUID.randomUUID(), Duration.ofMinutes(5));
        try (SocketProbe app = SocketProbe.open(port)) {
            JsonNode session = app.ask(consult(token, "en"));
            assertThat(session.path("type").asText()).isEqualTo("session");
            assertThat(session.path("resumeToken").asText()).startsWith(session.path("session").asText() + ".");
            assertThat(app.next().path("type").asText()).isEqualTo("menu");
        }
        try (SocketProbe other = SocketProbe.open(port)) {
            assertThat(other.ask(consult(token, "en")).path("code").asText()).isEqualTo("TOKEN_REPLAYED");
            int at = token.indexOf('.') + 5;
            String forged = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
            assertThat(other.ask(consult(forged, "en")).path("code").asText()).isEqualTo("TOKEN_INVALID");
            assertThat(other.ask(consult(signed("{\"sub\":\"c\",\"exp\":1000,\"jti\":\"abcdefgh1\"}"), "en"))
                    .path("code").asText()).isEqualTo("TOKEN_EXPIRED");
            assertThat(other.ask(consult("garbage", "en")).path("code").asText()).isEqualTo("TOKEN_INVALID");
            // the connection is still usable: a good token works on it
            JsonNode session = other.ask(consult(tokens.mint("c2", Duration.ofMinutes(1)), "en"));
            assertThat(session.path("type").asText()).isEqualTo("session");
        }
    }

    @Test
    void aRefusedConsultationLeavesItsTokenUnusedAndASuccessfulOneUsesItUp() throws Exception {
        String customer = "refused-first-" + UUID.randomUUID();
        String token = tokens.mint(customer, Duration.ofMinutes(5));
        try (SocketProbe app = SocketProbe.open(port)) {
            assertThat(app.ask(consultMenu(token, "no-such-menu-" + System.nanoTime())).path("code").asText())
                    .isEqualTo("MENU_NOT_FOUND");
            assertThat(app.ask(consultMenu(token, "Not A Menu Id!")).path("code").asText())
                    .isEqualTo("MENU_NOT_FOUND");
            assertThat(jdbc.queryForObject("select count(*) from consultation_session where client_ref = ?",
                    Integer.class, customer)).as("a refused request opens no session").isZero();

            JsonNode session = app.ask(consultMenu(token, "telecom"));
            assertThat(session.path("type").asText()).as("the same token still opens a session").isEqualTo("session");
            assertThat(app.next().path("type").asText()).isEqualTo("menu");
        }
        try (SocketProbe other = SocketProbe.open(port)) {
            assertThat(other.ask(consultMenu(token, "telecom")).path("code").asText()).isEqualTo("TOKEN_REPLAYED");
        }
    }

    @Test
    void aDroppedConnectionIsResumedWithItsTokenWithoutLosingItsPlaceOrItsLog() throws Exception {
        SocketProbe first = SocketProbe.open(port);
        JsonNode session = first.ask(consult(tokens.mint("resumer", Duration.ofMinutes(1)), "en"));
        first.next();
        assertThat(first.ask("{\"type\":\"choose\",\"key\":\"2\"}").path("path").toString()).isEqualTo("[\"2\"]");
        first.drop();

        try (SocketProbe second = SocketProbe.open(port)) {
            assertThat(second.ask("{\"type\":\"menu\"}").path("code").asText()).isEqualTo("NO_SESSION");
            JsonNode resumed = second.ask("{\"type\":\"resume\",\"token\":\"" + session.path("resumeToken").asText() + "\"}");
            assertThat(resumed.path("resumed").asBoolean()).isTrue();
            assertThat(resumed.path("session").asText()).isEqualTo(session.path("session").asText());
            JsonNode level = second.next();
            assertThat(level.path("path").toString()).isEqualTo("[\"2\"]");
            assertThat(level.path("title").asText()).isEqualTo("Plans and data");
            assertThat(second.ask("{\"type\":\"choose\",\"key\":\"1\"}").path("type").asText()).isEqualTo("content");
            JsonNode ended = second.ask("{\"type\":\"end\"}");
            assertThat(ended.path("itemsChosen").asInt()).isEqualTo(2);
            assertThat(ended.path("reason").asText()).isEqualTo("customer");
        }
        assertThat(jdbc.queryForList("select item_path from service_item_log where session_id = ?::uuid order by seq",
                String.class, session.path("session").asText())).containsExactly("2", "2/1");
    }

    @Test
    void aCallInProgressKeepsBeingReportedAfterTheSessionIsResumed() throws Exception {
        SocketProbe first = SocketProbe.open(port);
        JsonNode session = first.ask(consult(null, "en"));
        first.next();
        assertThat(first.ask("{\"type\":\"choose\",\"key\":\"0\"}").path("state").asText()).isEqualTo("requested");
        JsonNode voice = first.next();
        assertThat(voice.path("type").asText()).isEqualTo("voice");
        first.drop();
        String channel = "test-" + UUID.randomUUID();
        // what the FastAGI script and the AMI translator report while the app is away
        calls.claim(voice.path("request").asText(), new ChannelId(channel), "customer1");

        try (SocketProbe second = SocketProbe.open(port)) {
            second.ask("{\"type\":\"resume\",\"token\":\"" + session.path("resumeToken").asText() + "\"}");
            second.next();
            assertThat(second.next().path("state").asText()).as("linked, not in the queue yet").isEqualTo("requested");
            calls.on(new QueueCallEvent.CallerJoined("support", new ChannelId(channel), 1));
            assertThat(second.next().path("position").asInt()).isEqualTo(1);
            calls.on(new QueueCallEvent.AgentRinging("support", new ChannelId(channel), "agent9"));
            JsonNode ringing = second.next();
            assertThat(ringing.path("state").asText()).isEqualTo("ringing");
            assertThat(ringing.path("agent").asText()).isEqualTo("agent9");
            calls.on(new QueueCallEvent.CallerAbandoned("support", new ChannelId(channel)));
            assertThat(second.next().path("state").asText()).isEqualTo("ended");
            second.drop();
        }
        // Back once more after the call ended: the app is told how it ended.
        try (SocketProbe third = SocketProbe.open(port)) {
            third.ask("{\"type\":\"resume\",\"token\":\"" + session.path("resumeToken").asText() + "\"}");
            third.next();
            JsonNode ended = third.next();
            assertThat(ended.path("state").asText()).isEqualTo("ended");
            assertThat(ended.path("endedBy").asText()).isEqualTo("customer");
            assertThat(ended.path("reason").asText()).isEqualTo("GAVE_UP");
            assertThat(third.ask("{\"type\":\"end\"}").path("voiceCalls").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aSessionThatIsNeverResumedEndsAsExpired() throws Exception {
        SocketProbe first = SocketProbe.open(port);
        JsonNode session = first.ask(consult(null, "en"));
        first.next();
        first.ask("{\"type\":\"choose\",\"key\":\"1\"}");
        first.drop();
        String id = session.path("session").asText();

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                "select reason from session_end_record where session_id = ?::uuid", String.class, id).contains("expired"));
        assertThat(jdbc.queryForObject("select items_chosen from session_end_record where session_id = ?::uuid",
                Integer.class, id)).isEqualTo(1);
        try (SocketProbe late = SocketProbe.open(port)) {
            assertThat(late.ask("{\"type\":\"resume\",\"token\":\"" + session.path("resumeToken").asText() + "\"}")
                    .path("code").asText()).isEqualTo("SESSION_EXPIRED");
        }
    }

    @Test
    void badInputGetsItsErrorCodeTheConnectionStaysUsableAndNothingIsStored() throws Exception {
        try (SocketProbe app = SocketProbe.open(port)) {
            String id = app.ask(consult(null, "en")).path("session").asText();
            app.next();
            List<String> codes = new ArrayList<>();
            for (String frame : List.of("{", "[1,2]", "\"text\"", "{\"type\":\"fly\"}", "{\"key\":\"1\"}",
                    "{\"type\":\"choose\",\"key\":5}", "{\"type\":\"choose\",\"key\":{\"a\":1}}",
                    "{\"type\":\"choose\",\"key\":\"9\"}", "{\"type\":\"choose\",\"key\":\"1\",\"path\":[\"2\"]}",
                    "{\"type\":\"choose\",\"key\":\"1\",\"path\":\"2\"}", "{\"type\":\"back\"}",
                    "{\"type\":\"consult\"}", "{\"type\":\"choose\",\"key\":\"" + "x".repeat(6_000) + "\"}",
                    "{\"type\":\"resume\",\"token\":\"x\"}")) {
                codes.add(app.ask(frame).path("code").asText());
            }
            assertThat(codes).containsExactly("MALFORMED_MESSAGE", "MALFORMED_MESSAGE", "MALFORMED_MESSAGE",
                    "UNKNOWN_MESSAGE_TYPE", "MALFORMED_MESSAGE", "INVALID_FIELD", "INVALID_FIELD", "ITEM_NOT_FOUND",
                    "STALE_CHOICE", "INVALID_FIELD", "ALREADY_AT_TOP", "SESSION_ALREADY_STARTED", "FRAME_TOO_LARGE",
                    "SESSION_ALREADY_STARTED");
            assertThat(app.ask("{\"type\":\"menu\"}").path("type").asText()).isEqualTo("menu");
            sessionWrites.flush();
            assertThat(jdbc.queryForObject("select count(*) from service_item_log where session_id = ?::uuid",
                    Integer.class, id)).isZero();
        }
    }

    @Test
    void tooManyMessagesAreRateLimitedAndTheConnectionRecovers() throws Exception {
        try (SocketProbe app = SocketProbe.open(port)) {
            app.ask(consult(null, "en"));
            app.next();
            for (int i = 0; i < 100; i++) {
                app.send("{\"type\":\"menu\"}");
            }
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                JsonNode answer = app.next();
                answers.add(answer.path("type").asText() + ":" + answer.path("code").asText(""));
            }
            assertThat(answers).contains("error:RATE_LIMITED", "menu:");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> app.ask("{\"type\":\"menu\"}").path("type").asText().equals("menu"));
        }
    }

    @Test
    void aFrameBeyondTheContainerLimitClosesTheConnectionWith1009() throws Exception {
        try (SocketProbe app = SocketProbe.open(port)) {
            app.send("{\"type\":\"menu\",\"pad\":\"" + "x".repeat(100_000) + "\"}");
            assertThat(app.closeCode(Duration.ofSeconds(10))).isEqualTo(1009);
        }
    }

    @Test
    void theHardLimitCountsBytesSoCjkFramesUnderItInCharactersStillClose1009() throws Exception {
        for (int characters : List.of(2_800, 8_000)) { // 8,424 and 24,024 UTF-8 bytes, under 8,192 characters
            String frame = "{\"type\":\"menu\",\"pad\":\"" + "电".repeat(characters) + "\"}";
            assertThat(frame.length()).isLessThan(8_192);
            try (SocketProbe app = SocketProbe.open(port)) {
                app.send(frame);
                assertThat(app.closeCode(Duration.ofSeconds(10))).as("%d bytes", frame.getBytes(StandardCharsets.UTF_8).length)
                        .isEqualTo(1009);
            }
        }
        try (SocketProbe app = SocketProbe.open(port)) { // between the limits: an error, and the connection stays
            assertThat(app.ask("{\"type\":\"menu\",\"pad\":\"" + "电".repeat(1_400) + "\"}").path("code").asText())
                    .isEqualTo("FRAME_TOO_LARGE");
            assertThat(app.ask("{\"type\":\"menu\"}").path("code").asText()).isEqualTo("NO_SESSION");
        }
    }

    @Test
    void aFrameWithMoreThanOneObjectOrARepeatedFieldRunsNothingOfIt() throws Exception {
        try (SocketProbe app = SocketProbe.open(port)) {
            String id = app.ask(consult(null, "en")).path("session").asText();
            app.next();
            for (String frame : List.of("{\"type\":\"menu\"}{\"type\":\"end\"}", "{\"type\":\"menu\",\"type\":\"end\"}",
                    "{\"type\":\"end\"} trailing garbage", "{\"type\":\"end\"}]]]", "{\"type\":\"end\"}\u0000")) {
                assertThat(app.ask(frame).path("code").asText()).as(frame).isEqualTo("MALFORMED_MESSAGE");
            }
            assertThat(app.ask("{\"type\":\"menu\"}").path("type").asText()).isEqualTo("menu");
            sessionWrites.flush();
            assertThat(jdbc.queryForObject("select count(*) from consultation_session where id = ?::uuid and ended_at is null",
                    Integer.class, id)).isOne();
        }
    }

    @Test
    void aFrameThatIsNotUtf8ClosesTheConnectionWith1007() throws Exception {
        try (Socket raw = new Socket("127.0.0.1", port)) {
            raw.setSoTimeout(10_000);
            OutputStream out = raw.getOutputStream();
            InputStream in = raw.getInputStream();
            out.write(("GET /ws/v1/consultation HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String headers = readHeaders(in);
            assertThat(headers).startsWith("HTTP/1.1 101");
            byte[] payload = {'{', (byte) 0xC3, (byte) 0x28, '}'};
            byte[] mask = {1, 2, 3, 4};
            out.write(new byte[] {(byte) 0x81, (byte) (0x80 | payload.length)});
            out.write(mask);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ mask[i % 4]);
            }
            out.flush();
            int opcode = in.read() & 0x0F;
            int length = in.read() & 0x7F;
            int code = (in.read() << 8) | in.read();
            assertThat(opcode).isEqualTo(0x8);
            assertThat(length).isGreaterThanOrEqualTo(2);
            assertThat(code).isEqualTo(1007);
        }
    }

    @Test
    void chineseAndMixedScriptsTravelUnchangedAndAcceptLanguageChoosesTheLanguage() throws Exception {
        String customer = "客户-Ωmega-42-😀";
        try (SocketProbe app = SocketProbe.open(port, "zh-CN,zh;q=0.9,en;q=0.5")) {
            JsonNode session = app.ask("{\"type\":\"consult\",\"token\":\"" + tokens.mint(customer, Duration.ofMinutes(1))
                    + "\"}");
            assertThat(session.path("language").asText()).isEqualTo("zh-CN");
            JsonNode menu = app.next();
            assertThat(menu.path("title").asText()).isEqualTo("电信客服");
            assertThat(menu.path("items").get(1).path("label").asText()).isEqualTo("套餐与流量");
            JsonNode content = app.ask("{\"type\":\"choose\",\"key\":\"1\"}");
            assertThat(content.path("text").asText()).isEqualTo("您的话费余额为 58.20 元，本月已用 41.80 元。");
            sessionWrites.flush(); // the session row is written behind (journal linger)
            assertThat(jdbc.queryForObject("select client_ref from consultation_session where id = ?::uuid",
                    String.class, session.path("session").asText())).isEqualTo(customer);
        }
        try (SocketProbe app = SocketProbe.open(port, "zh-CN")) {
            assertThat(app.ask(consult(null, "en")).path("language").asText()).isEqualTo("en");
        }
    }

    private static String consultMenu(String token, String menu) {
        return "{\"type\":\"consult\",\"menu\":\"" + menu + "\",\"token\":\"" + token + "\"}";
    }

    private static String consult(String token, String language) {
        return "{\"type\":\"consult\",\"language\":\"" + language + "\""
                + (token == null ? "" : ",\"token\":\"" + token + "\"") + "}";
    }

    /** A token signed with the adapter's secret, whatever its payload: how a backend would mint one. */
    private String signed(String payloadJson) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String body = b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return body + "." + b64.encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
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
