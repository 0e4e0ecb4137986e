package io.dataivr.session;

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
 * @param accountLifetime how long an account lives at most; it is revoked earlier when its session ends
 * @param sweepInterval   how often expired accounts are looked for and revoked
 */
@Validated
@ConfigurationProperties("dataivr.sip")
public record SipProperties(@NotBlank String domain, @NotBlank String registrar,
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9]{0,7}-") String usernamePrefix, @NotNull Duration accountLifetime,
        @NotNull Duration sweepInterval) {
}
