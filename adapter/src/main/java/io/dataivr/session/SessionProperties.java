package io.dataivr.session;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of consultation sessions (keys commented in application.yml).
 *
 * @param menu             the menu a new session is started on unless the app names one
 * @param dialUri          what the app's SIP phone dials for a voice request; {request} becomes its id
 * @param tokenSecret      the HMAC-SHA256 secret shared with the company's backend (≥ 32 characters)
 * @param demo             demo mode: {@code consult} without a token is allowed and the adapter mints tokens
 * @param tokenMaxLifetime the longest a customer token may be valid for
 * @param resumeGrace      how long a session whose connection dropped waits to be resumed
 * @param expirySweep      how often sessions past their grace period (or idle too long) are looked for
 * @param restIdleTimeout  how long a session opened over REST (no connection) may go without a request
 *                         before it ends as expired
 */
@Validated
@ConfigurationProperties("dataivr.session")
public record SessionProperties(@NotBlank String menu, @NotBlank String dialUri,
        @NotBlank @Size(min = 32, message = "must be at least 32 characters") String tokenSecret,
        boolean demo, @NotNull Duration tokenMaxLifetime, @NotNull Duration resumeGrace,
        @NotNull Duration expirySweep, @NotNull Duration restIdleTimeout) {

    public String dialUriFor(String requestId) {
        return dialUri.replace("{request}", requestId);
    }
}
