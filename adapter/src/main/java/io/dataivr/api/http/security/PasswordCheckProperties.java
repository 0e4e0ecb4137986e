package io.dataivr.api.http.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the admin and agent passwords (HTTP Basic) are checked (keys commented in application.yml).
 *
 * @param remember how long a user name and password that passed the hash check are let in again
 *                 without it ({@link RememberedPasswords}); zero: every request pays the check
 */
@ConfigurationProperties("dataivr.password-check")
public record PasswordCheckProperties(Duration remember) {

    public PasswordCheckProperties {
        remember = remember == null ? Duration.ofMinutes(5) : remember;
        if (remember.isNegative()) {
            throw new IllegalStateException("dataivr.password-check.remember must not be negative");
        }
    }
}
