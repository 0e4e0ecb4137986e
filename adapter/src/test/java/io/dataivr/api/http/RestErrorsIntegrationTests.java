package io.dataivr.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13 items 5 and 10 over real HTTP: every error answer, whoever gives it (a controller, Spring
 * Security, the error page, Tomcat), is application/problem+json with a code; the REST limits hold.
 */
@IntegrationTest
class RestErrorsIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("test-admin:test-admin-secret".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    @Test
    void everyErrorAnswerIsAProblemDetailWithACode() throws IOException {
        String session = open();
        String json = "Content-Type: application/json\r\n";
        List<String> bad = new ArrayList<>(List.of(
                "GET /api/v1/sessions HTTP/1.1\r\n",
                "PUT /api/v1/sessions/" + session + "/menu HTTP/1.1\r\n",
                "BREW /api/v1/sessions/" + session + "/menu HTTP/1.1\r\n",
                "TRACE /api/v1/sessions HTTP/1.1\r\n",
                "GET /api/v1/sessions/" + session + "/nope HTTP/1.1\r\n",
                "GET /api/v1/nope HTTP/1.1\r\n",
                "GET /nope HTTP/1.1\r\n",
                "GET /api/v1/sessions/%20/menu HTTP/1.1\r\n",
                "GET /api/v1/sessions/..%2fadmin/menus HTTP/1.1\r\n",
                "GET /api/v1/sessions/..%2Fadmin%2Fmenus HTTP/1.1\r\n",
                "GET /api/v1/sessions/..%5cadmin/menu HTTP/1.1\r\n",
                "GET /api/v1/sessions/%00/menu HTTP/1.1\r\n",
                "GET /api/v1/sessions//menu HTTP/1.1\r\n",
                "GET /api/v1/sessions/;x=1/menu HTTP/1.1\r\n",
                "GET /api/v1/sessions/%25/menu HTTP/1.1\r\n",
                "GET /api/v1/sessions/{x}/menu HTTP/1.1\r\n",
                "GET /api/v1/sessions/" + session + "/menu HTTP/1.1\r\nBad Header: x\r\n",
                "GET /api/v1/sessions/" + session + "/menu HTTP/1.1\r\nX-Ctl: a\u0001b\r\n",
                "POST /api/v1/sessions HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi",
                "POST /api/v1/sessions HTTP/1.1\r\n" + json + "Content-Length: 1\r\n\r\n{",
                "POST /api/v1/sessions/" + session + "/choices HTTP/1.1\r\n" + json + "Content-Length: 2\r\n\r\n{}",
                "POST /api/v1/sessions/" + UUID.randomUUID() + "/back HTTP/1.1\r\n",
                "GET /api/v1/admin/menus HTTP/1.1\r\n",
                "GET /api/v1/admin/menus HTTP/1.1\r\nAuthorization: Basic eDp5\r\n",
                "POST /api/v1/admin/menus HTTP/1.1\r\nAuthorization: " + ADMIN + "\r\n" + json
                        + "Content-Length: 2\r\n\r\n{}",
                "GET /api/v1/agents/agent1 HTTP/1.1\r\n",
                "POST /api/v1/agents/agent1/pause HTTP/1.1\r\nAuthorization: Basic eDp5\r\n",
                "GET /error HTTP/1.1\r\n",
                "POST /api/v1/sessions HTTP/1.1\r\n" + json + "Content-Length: 204800\r\n\r\n{\"client\":\"",
                "POST /api/v1/sessions HTTP/1.1\r\n" + json + "Transfer-Encoding: chunked\r\n\r\n"
                        + chunk("{\"client\":\"" + "x".repeat(8000)) + chunk("\"}") + "0\r\n\r\n",
                jsonPost("/api/v1/sessions/" + session + "/choices", "{\"key\":\"2\"} trailing garbage"),
                jsonPost("/api/v1/sessions/" + session + "/choices", "{\"key\":\"9\",\"key\":\"2\"}"),
                jsonPost("/api/v1/sessions", "{\"language\":\"en\"}{\"language\":\"zh\"}"),
                jsonPost("/api/v1/sessions", "{\"language\":\"en\\u0000\"}"),
                jsonPost("/api/v1/sessions", "{\"menu\":\"\"}")));
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (int i = 0; i < bad.size(); i++) {
            String request = bad.get(i);
            try {
                answers.put("#" + i + " " + request.lines().findFirst().orElseThrow(), send(request));
            } catch (IOException e) {
                throw new AssertionError("no answer to " + request.lines().findFirst().orElseThrow(), e);
            }
        }
        answers.forEach((request, answer) -> {
            assertThat(answer.status()).as(request).isBetween(400, 499);
            assertThat(answer.headers().get("content-type")).as(request + " " + answer)
                    .startsWith("application/problem+json");
            assertThat(answer.json().path("code").asText()).as(request + " " + answer).matches("[A-Z_]+");
            assertThat(answer.json().path("status").asInt()).as(request).isEqualTo(answer.status());
        });
        Map<String, String> codes = new LinkedHashMap<>();
        answers.forEach((request, answer) -> codes.put(request, answer.status() + " " + answer.json().path("code").asText()));
        assertThat(codes).containsEntry("#0 GET /api/v1/sessions HTTP/1.1", "405 METHOD_NOT_ALLOWED")
                .containsEntry("#1 PUT /api/v1/sessions/" + session + "/menu HTTP/1.1", "405 METHOD_NOT_ALLOWED")
                .containsEntry("#4 GET /api/v1/sessions/" + session + "/nope HTTP/1.1", "404 NOT_FOUND")
                .containsEntry("#6 GET /nope HTTP/1.1", "404 NOT_FOUND")
                .containsEntry("#7 GET /api/v1/sessions/%20/menu HTTP/1.1", "400 INVALID_FIELD")
                .containsEntry("#8 GET /api/v1/sessions/..%2fadmin/menus HTTP/1.1", "400 MALFORMED_REQUEST")
                .containsEntry("#18 POST /api/v1/sessions HTTP/1.1", "415 UNSUPPORTED_MEDIA_TYPE")
                .containsEntry("#19 POST /api/v1/sessions HTTP/1.1", "400 MALFORMED_MESSAGE")
                .containsEntry("#20 POST /api/v1/sessions/" + session + "/choices HTTP/1.1", "400 MALFORMED_MESSAGE")
                .containsEntry("#22 GET /api/v1/admin/menus HTTP/1.1", "401 ADMIN_AUTH_REQUIRED")
                .containsEntry("#25 GET /api/v1/agents/agent1 HTTP/1.1", "401 AGENT_AUTH_REQUIRED")
                .containsEntry("#28 POST /api/v1/sessions HTTP/1.1", "413 FRAME_TOO_LARGE")
                .containsEntry("#29 POST /api/v1/sessions HTTP/1.1", "413 FRAME_TOO_LARGE")
                .containsEntry("#30 POST /api/v1/sessions/" + session + "/choices HTTP/1.1", "400 MALFORMED_MESSAGE")
                .containsEntry("#31 POST /api/v1/sessions/" + session + "/choices HTTP/1.1", "400 MALFORMED_MESSAGE")
                .containsEntry("#32 POST /api/v1/sessions HTTP/1.1", "400 MALFORMED_MESSAGE")
                .containsEntry("#33 POST /api/v1/sessions HTTP/1.1", "400 INVALID_FIELD")
                .containsEntry("#34 POST /api/v1/sessions HTTP/1.1", "400 INVALID_FIELD");
        assertThat(answers.get("#18 POST /api/v1/sessions HTTP/1.1").json().path("detail").asText())
                .isEqualTo("send application/json");
        assertThat(answers.get("#0 GET /api/v1/sessions HTTP/1.1").headers().get("allow")).contains("POST");
        Answer yamlEndpoint = answers.get("#24 POST /api/v1/admin/menus HTTP/1.1");
        assertThat(yamlEndpoint.status()).isEqualTo(415);
        assertThat(yamlEndpoint.json().path("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(yamlEndpoint.json().path("detail").asText()).contains("application/yaml").doesNotContain("json");
    }

    /** A POST of a JSON body sized in bytes, with the secret of the session the path names. */
    private String jsonPost(String path, String body) {
        String[] parts = path.split("/");
        String bearer = parts.length > 4 ? "Authorization: Bearer " + secrets.get(parts[4]) + "\r\n" : "";
        return "POST " + path + " HTTP/1.1\r\n" + bearer + "Content-Type: application/json\r\nContent-Length: "
                + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void aBodyOverTheLimitIs413WhetherSizedOrChunked() throws IOException {
        String sized = "POST /api/v1/sessions/demo-tokens HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 204811\r\n\r\n{\"client\":\"" + "x".repeat(204800) + "\"}";
        String chunked = "POST /api/v1/sessions/demo-tokens HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + chunk("{\"client\":\"" + "x".repeat(100_000))
                + chunk("x".repeat(100_000) + "\"}") + "0\r\n\r\n";
        for (String request : List.of(sized, chunked)) {
            Answer answer = send(request);
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.json().path("code").asText()).isEqualTo("FRAME_TOO_LARGE");
        }
    }

    @Test
    void requestsOnASessionFasterThanItsBucketAre429RateLimitedWithRetryAfter() throws IOException {
        String session = open();
        Answer refused = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            Answer answer = send("GET /api/v1/sessions/" + session + "/menu HTTP/1.1\r\nAuthorization: Bearer "
                    + secrets.get(session) + "\r\n");
            if (answer.status() == 429) {
                refused = answer;
            } else {
                assertThat(answer.status()).isEqualTo(200);
            }
        }
        assertThat(refused).as("no 429 in 200 requests").isNotNull();
        assertThat(refused.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(refused.json().path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(Integer.parseInt(refused.headers().get("retry-after"))).isPositive();
    }

    @Test
    void openingSessionsFasterThanAnAddressMayIs429RateLimited() throws IOException {
        // from 127.0.0.2: its own bucket, so other tests opening sessions from 127.0.0.1 are not slowed
        InetAddress from = InetAddress.getByName("127.0.0.2");
        Answer refused = null;
        for (int i = 0; i < 300 && refused == null; i++) {
            Answer answer = send(from, "POST /api/v1/sessions/demo-tokens HTTP/1.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 14\r\n\r\n{\"client\":\"c\"}");
            if (answer.status() == 429) {
                refused = answer;
            } else {
                assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            }
        }
        assertThat(refused).as("no 429 in 300 openings").isNotNull();
        assertThat(refused.json().path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(refused.headers().get("retry-after")).isNotBlank();
    }

    private String open() throws IOException {
        Answer answer = send("POST /api/v1/sessions HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        String session = answer.json().path("session").path("session").asText();
        secrets.put(session, answer.json().path("secret").asText());
        return session;
    }

    /** Each session's secret, as its opening answered it (requests on it send it as a bearer token). */
    private final java.util.Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }

    private Answer send(String request) throws IOException {
        return send(null, request);
    }

    /** Sends {@code request} (request line and headers; Host and Connection: close are added) byte for byte. */
    private Answer send(InetAddress from, String request) throws IOException {
        int headEnd = request.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? request : request.substring(0, headEnd + 2);
        String body = headEnd < 0 ? "" : request.substring(headEnd + 4);
        String wire = head + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n" + body;
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(wire.getBytes(StandardCharsets.ISO_8859_1.newEncoder().canEncode(wire)
                        ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
                out.flush();
                socket.shutdownOutput(); // a body shorter than its Content-Length ends here
            } catch (IOException refusedMidBody) {
                // the server answered (and closed) before the whole body was sent: read that answer
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // the server closed after answering an oversized body: keep what was read
        }
        return all.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("no HTTP answer: " + text).isPositive();
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            StringBuilder joined = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = body.indexOf("\r\n", at);
                int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                // sizes are in bytes; problem details here are ASCII-safe enough for this test
                byte[] rest = body.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
                String piece = new String(rest, 0, size, StandardCharsets.UTF_8);
                joined.append(piece);
                at = lineEnd + 2 + piece.length() + 2;
            }
            body = joined.toString();
        }
        return new Answer(status, headers, body);
    }
}
