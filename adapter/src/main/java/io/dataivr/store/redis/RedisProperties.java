package io.dataivr.store.redis;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Redis settings (keys commented in application.yml).
 *
 * @param uri       where Redis is, e.g. redis://127.0.0.1:6379/0
 * @param keyPrefix put before every key the adapter writes
 * @param timeout   how long one command (or connecting) may take before it fails
 */
@Validated
@ConfigurationProperties("dataivr.redis")
public record RedisProperties(@NotBlank String uri, @NotBlank String keyPrefix, @NotNull Duration timeout) {
}
