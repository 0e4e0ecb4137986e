package io.dataivr.api.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.JsonSocket;
import io.dataivr.fixtures.SipWebSocketRegistrar;
import io.dataivr.store.pg.PjsipRealtimeProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The consult's {@code device} (docs/protocol.md, "Browsers"): a browser's session gets a WebRTC device
 * account and the SIP WebSocket URL in its voice message; an app's gets neither; any other value is
 * refused.
 */
@IntegrationTest
class BrowserDeviceIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    PjsipRealtimeProperties realtimeProperties;

    @Test
    void aBrowserGetsAWebRtcAccountAndTheSipWebSocketAnAppAPlainOne() throws Exception {
        JdbcTemplate realtime = new JdbcTemplate(new DriverManagerDataSource(realtimeProperties.url(),
                realtimeProperties.username(), realtimeProperties.password()));
        try (JsonSocket browserSocket = JsonSocket.open("ws://127.0.0.1:" + port + "/ws/v1/consultation");
                JsonSocket appSocket = JsonSocket.open("ws://127.0.0.1:" + port + "/ws/v1/consultation")) {
            JsonNode browser = voiceFor(browserSocket, "{\"type\":\"consult\",\"language\":\"en\",\"device\":\"webrtc\"}");
            JsonNode app = voiceFor(appSocket, "{\"type\":\"consult\",\"language\":\"en\"}");
            check(realtime, browser, app);
            for (JsonSocket socket : new JsonSocket[] {browserSocket, appSocket}) {
                socket.send("{\"type\":\"end\"}");
                socket.awaitType("ended", WAIT);
            }
        }
    }

    private static void check(JdbcTemplate realtime, JsonNode browser, JsonNode app) {

        assertThat(browser.path("sip").path("wsUrl").asText()).isEqualTo("ws://127.0.0.1:8088/ws");
        assertThat(app.path("sip").has("wsUrl")).isFalse();
        String web = browser.path("sip").path("username").asText();
        String sip = app.path("sip").path("username").asText();
        assertThat(realtime.queryForObject("select webrtc from ps_endpoints where id = ?", String.class, web))
                .isEqualTo("yes");
        assertThat(realtime.queryForObject("select coalesce(webrtc, 'no') || ' ' || direct_media from ps_endpoints "
                + "where id = ?", String.class, sip)).isEqualTo("no yes");
        assertThat(realtime.queryForObject("select device from sip_device_account where username = ?", String.class,
                web)).isEqualTo("webrtc");
    }

    @Test
    void aBrowsersAccountRegistersOverTheSipWebSocketUntilItsSessionEndsAndNeverAgain() throws Exception {
        try (JsonSocket socket = JsonSocket.open("ws://127.0.0.1:" + port + "/ws/v1/consultation")) {
            JsonNode sip = voiceFor(socket, "{\"type\":\"consult\",\"language\":\"en\",\"device\":\"webrtc\"}")
                    .path("sip");
            String wsUrl = sip.path("wsUrl").asText();
            String domain = sip.path("domain").asText();
            String username = sip.path("username").asText();
            String password = sip.path("password").asText();
            assertThat(SipWebSocketRegistrar.register(wsUrl, domain, username, password)).as("live account")
                    .isEqualTo(200);
            assertThat(SipWebSocketRegistrar.register(wsUrl, domain, username, password + "x")).as("wrong password")
                    .isNotEqualTo(200);

            socket.send("{\"type\":\"end\"}");
            socket.awaitType("ended", WAIT);
            assertThat(SipWebSocketRegistrar.register(wsUrl, domain, username, password)).as("revoked account")
                    .isNotEqualTo(200);
        }
    }

    @Test
    void anUnknownDeviceIsAnInvalidField() throws Exception {
        try (JsonSocket socket = JsonSocket.open("ws://127.0.0.1:" + port + "/ws/v1/consultation")) {
            socket.send("{\"type\":\"consult\",\"language\":\"en\",\"device\":\"phone\"}");
            JsonNode error = socket.awaitType("error", WAIT);
            assertThat(error.path("code").asText()).isEqualTo("INVALID_FIELD");
            assertThat(socket.received()).noneMatch(m -> m.path("type").asText().equals("session"));
        }
    }

    private static JsonNode voiceFor(JsonSocket socket, String consult) {
        socket.send(consult);
        socket.awaitType("session", WAIT);
        socket.send("{\"type\":\"choose\",\"key\":\"0\"}");
        return socket.awaitType("voice", WAIT);
    }
}
