package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.AsteriskCli;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.fixtures.SocketProbe;
import io.dataivr.sdk.sip.SipAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Asterisk serves device accounts from memory (sorcery memory caches in front of PJSIP realtime,
 * asterisk-config/sorcery.conf) once a device used them, and a revoked account must still be refused at
 * its very next request. A real baresip phone registers the account of a session's voice answer: the
 * account's endpoint, auth and AOR are then in Asterisk's caches. The session ends: the adapter deletes
 * the rows and expires the three objects, so they are gone from the caches, a second phone registering
 * with the same account is refused, and the first phone's call is refused (401).
 */
@IntegrationTest
class DeviceAccountCacheIntegrationTests {

    private static final List<String> CACHES = List.of("dataivr-endpoint", "dataivr-auth", "dataivr-aor");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Test
    void aRevokedAccountThatAsteriskHadCachedIsRefusedAtItsNextRegisterAndInvite() throws Exception {
        Path work = Files.createTempDirectory("dataivr-device-cache");
        try (AsteriskCli cli = new AsteriskCli(); SocketProbe app = SocketProbe.open(port);
                SipPhoneProcess device = SipPhoneProcess.startWithoutAccount("cache-device", "127.0.0.141", 440, work);
                SipPhoneProcess second = SipPhoneProcess.startWithoutAccount("cache-second", "127.0.0.142", 440,
                        work)) {
            app.consultAsDemo("device-cache");
            app.send("{\"type\":\"choose\",\"key\":\"0\"}");
            JsonNode voice = app.nextOfType("voice");
            JsonNode sip = voice.path("sip");
            SipAccount account = new SipAccount(sip.path("username").asText(), sip.path("password").asText(),
                    sip.path("domain").asText(), sip.path("registrar").asText());
            device.control().register(account);
            for (String cache : CACHES) {
                assertThat(cached(cli, cache)).as("Asterisk's cache " + cache + " after the REGISTER")
                        .contains(account.username);
            }
            app.send("{\"type\":\"end\"}");
            app.nextOfType("ended");
            for (String cache : CACHES) {
                assertThat(cached(cli, cache)).as("Asterisk's cache " + cache + " once the session ended")
                        .doesNotContain(account.username);
            }
            assertThatThrownBy(() -> second.control().register(account)).as("a REGISTER of the revoked account")
                    .hasMessageContaining("refused");
            int before = device.control().events().size();
            device.control().dial(voice.path("dial").asText());
            JsonNode refused = device.control().awaitEventAfter(before,
                    e -> "CALL_CLOSED".equals(e.path("type").asText()), WAIT);
            System.out.printf("revoked, cached account: call refused with %s%n", refused.path("param").asText());
            assertThat(refused.path("param").asText()).contains("401");
            assertThat(device.control().eventCount("CALL_ESTABLISHED")).isZero();
        }
    }

    private static String cached(AsteriskCli cli, String cache) throws Exception {
        String dump = String.join("\n", cli.run("sorcery memory cache dump " + cache));
        assertThat(dump).as("Asterisk has the cache " + cache).contains("Dumping sorcery memory cache");
        return dump;
    }
}
