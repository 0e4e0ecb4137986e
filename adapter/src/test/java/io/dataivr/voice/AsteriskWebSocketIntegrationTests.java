package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.fixtures.AsteriskCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/**
 * Asterisk for browsers (asterisk-config/README.md, "Browsers"), on the real Asterisk that
 * {@code ./dataivr test} configured: its HTTP server takes SIP WebSocket upgrades on ws://127.0.0.1:8088/ws
 * and, with the certificate the launcher made, wss://127.0.0.1:8089/ws; the modules a browser's call
 * needs are loaded (codec_resample among them, so 48 kHz Opus is not resampled through Opus itself).
 */
class AsteriskWebSocketIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theModulesOfABrowsersCallAreLoaded() throws Exception {
        try (AsteriskCli cli = new AsteriskCli()) {
            String modules = String.join("\n", cli.run("module show"));
            for (String module : new String[] {"res_http_websocket.so", "res_pjsip_transport_websocket.so",
                    "res_srtp.so", "codec_opus_open_source.so", "res_format_attr_opus.so", "codec_resample.so"}) {
                assertThat(modules).as("module show").containsPattern("(?m)^" + module.replace(".", "\\.") + "\\s");
            }
            assertThat(String.join("\n", cli.run("http show status"))).contains("127.0.0.1:8088")
                    .contains("127.0.0.1:8089");
        }
    }

    @Test
    void sipOverWebSocketIsAcceptedOnWsAndWss() throws Exception {
        assertThat(upgradesToSip(HttpClient.newHttpClient(), "ws://127.0.0.1:8088/ws")).isEqualTo("sip");
        SSLContext trustingTheSelfSignedCertificate = SSLContext.getInstance("TLS");
        trustingTheSelfSignedCertificate.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                assertThat(chain[0].getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        HttpClient tls = HttpClient.newBuilder().sslContext(trustingTheSelfSignedCertificate).build();
        assertThat(upgradesToSip(tls, "wss://127.0.0.1:8089/ws")).isEqualTo("sip");
    }

    private static String upgradesToSip(HttpClient http, String url) throws Exception {
        WebSocket socket = http.newWebSocketBuilder().subprotocols("sip").connectTimeout(WAIT)
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        try {
            return socket.getSubprotocol();
        } finally {
            socket.abort();
        }
    }
}
