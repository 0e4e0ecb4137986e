package io.dataivr.session.device;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
 */
@Validated
@ConfigurationProperties("dataivr.sip")
public record SipProperties(@NotBlank String domain, @NotBlank String registrar,
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9]{0,7}-") String usernamePrefix, @NotNull Duration accountLifetime,
        @NotNull Duration sweepInterval, @Min(0) int poolSize, @NotNull Duration poolLifetime) {
}
