package io.dataivr.store.redis;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What the adapter's Redis keys look like (commented in application.yml). Where Redis is and how long
 * a command may take are Spring Boot's {@code spring.data.redis.*}.
 *
 * @param keyPrefix put before every key the adapter writes
 */
@Validated
@ConfigurationProperties("dataivr.redis")
public record RedisKeyProperties(@NotBlank String keyPrefix) {
}
