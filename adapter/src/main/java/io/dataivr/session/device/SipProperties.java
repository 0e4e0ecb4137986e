package io.dataivr.session.device;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * The customer devices' SIP accounts (keys commented in application.yml).
 *
 * @param domain          the SIP domain a device registers in (username@domain)
 * @param registrar       where the device sends REGISTER and INVITE (Asterisk's PJSIP transport)
 * @param usernamePrefix  what every device account's name starts with; names outside it are
 *                        static accounts from pjsip.conf (demo phones)
 * @param accountLifetime how long an account lives at most once a session has it; it is revoked
 *                        earlier when its session ends
 * @param sweepInterval   how often expired accounts are looked for and revoked
 * @param poolSize        accounts provisioned ahead, none of them a session's yet: a session's first
 *                        voice request takes one instead of provisioning one while the app waits
 *                        (0: provision at the first voice request)
 * @param poolLifetime    how long a pooled account lives while no session has it; the pool replaces
 *                        its accounts at half of it, and a dead adapter's pool expires after it
 * @param websocketUrl    the SIP WebSocket URL a browser's phone registers and calls through (Asterisk's
 *                        HTTP server, asterisk-config/http.conf): sent to WebRTC devices in the
 *                        {@code voice} message's {@code sip.wsUrl}; default ws://127.0.0.1:8088/ws
 */
@Validated
@ConfigurationProperties("dataivr.sip")
public record SipProperties(@NotBlank String domain, @NotBlank String registrar,
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9]{0,7}-") String usernamePrefix, @NotNull Duration accountLifetime,
        @NotNull Duration sweepInterval, @Min(0) int poolSize, @NotNull Duration poolLifetime,
        @Pattern(regexp = "wss?://\\S+") String websocketUrl) {

    public static final String DEFAULT_WEBSOCKET_URL = "ws://127.0.0.1:8088/ws";

    @ConstructorBinding
    public SipProperties {
        if (websocketUrl == null || websocketUrl.isBlank()) {
            websocketUrl = DEFAULT_WEBSOCKET_URL;
        }
    }

    /** Settings with the default SIP WebSocket URL (unit tests). */
    public SipProperties(String domain, String registrar, String usernamePrefix, Duration accountLifetime,
            Duration sweepInterval, int poolSize, Duration poolLifetime) {
        this(domain, registrar, usernamePrefix, accountLifetime, sweepInterval, poolSize, poolLifetime, null);
    }
}
