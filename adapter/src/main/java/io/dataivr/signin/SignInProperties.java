package io.dataivr.signin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in rules for people (keys commented in application.yml, docs/sign-in.md). The session's
 * lifetime is Spring Boot's {@code server.servlet.session.timeout}.
 *
 * @param lockout when repeated wrong passwords lock a user
 */
@Validated
@ConfigurationProperties("dataivr.signin")
public record SignInProperties(@Valid @NotNull @DefaultValue Lockout lockout) {

    /**
     * @param attempts wrong passwords in a row that lock the user (form sign-in and HTTP Basic alike)
     * @param duration how long the lock holds; during it even the right password is refused
     */
    public record Lockout(@Min(1) @Max(1000) @DefaultValue("5") int attempts,
            @NotNull @DefaultValue("15m") Duration duration) {

        public Lockout {
            if (duration != null && (duration.isNegative() || duration.isZero())) {
                throw new IllegalStateException("dataivr.signin.lockout.duration must be positive");
            }
        }
    }

    public static SignInProperties defaults() {
        return new SignInProperties(new Lockout(5, Duration.ofMinutes(15)));
    }
}
