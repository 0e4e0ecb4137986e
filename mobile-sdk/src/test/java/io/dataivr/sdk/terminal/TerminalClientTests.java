package io.dataivr.sdk.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TerminalClientTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    @Test
    void withATokenAndJsonItPrintsOneObjectPerServerMessageAndExitsZero() throws Exception {
        server.enqueue(new MockResponse().withWebSocketUpgrade(new ScriptedServer()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = run(out, "--token", "good.token", "--choose", "1");

        assertThat(code).isZero();
        List<String> types = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            types.add(JSON.readTree(line).path("type").asText());
        }
        assertThat(types).containsExactly("session", "menu", "content", "ended");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("您的话费");
    }

    @Test
    void aRefusedTokenExitsWithThree() throws Exception {
        server.enqueue(new MockResponse().withWebSocketUpgrade(new ScriptedServer()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = run(out, "--token", "forged.token", "--choose", "1");

        assertThat(code).isEqualTo(3);
        assertThat(JSON.readTree(out.toString(StandardCharsets.UTF_8).trim()).path("code").asText())
                .isEqualTo("TOKEN_INVALID");
    }

    private int run(ByteArrayOutputStream out, String... extra) {
        List<String> args = new ArrayList<>(List.of("--url",
                server.url("/ws/v1/consultation").toString().replace("http:", "ws:"), "--json", "--timeout", "5"));
        args.addAll(List.of(extra));
        return TerminalClient.run(args.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
    }

    /** Answers like the adapter would, for one good token. */
    private static final class ScriptedServer extends WebSocketListener {
        @Override
        public void onMessage(WebSocket socket, String text) {
            JsonNode message;
            try {
                message = JSON.readTree(text);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            switch (message.path("type").asText()) {
                case "consult" -> {
                    if (!"good.token".equals(message.path("token").asText())) {
                        socket.send("{\"type\":\"error\",\"code\":\"TOKEN_INVALID\",\"message\":\"bad signature\"}");
                        return;
                    }
                    socket.send("{\"type\":\"session\",\"session\":\"s\",\"menu\":\"telecom\",\"version\":1,"
                            + "\"language\":\"zh-CN\",\"resumeToken\":\"s.x\"}");
                    socket.send("{\"type\":\"menu\",\"menu\":\"telecom\",\"version\":1,\"language\":\"zh-CN\","
                            + "\"path\":[],\"title\":\"电信客服\",\"items\":[{\"key\":\"1\",\"label\":\"话费查询\","
                            + "\"kind\":\"content\"}]}");
                }
                case "choose" -> socket.send("{\"type\":\"content\",\"key\":\"1\",\"path\":[\"1\"],"
                        + "\"language\":\"zh-CN\",\"text\":\"您的话费余额为 58.20 元\"}");
                case "end" -> socket.send("{\"type\":\"ended\",\"session\":\"s\",\"reason\":\"customer\","
                        + "\"itemsChosen\":1,\"contentsSent\":1,\"voiceCalls\":0}");
                default -> socket.send("{\"type\":\"error\",\"code\":\"UNKNOWN_MESSAGE_TYPE\",\"message\":\"?\"}");
            }
        }

        @Override
        public void onClosing(WebSocket socket, int code, String reason) {
            socket.close(1000, null);
        }
    }
}
