package io.dataivr.store.redis;

import org.springframework.context.annotation.Profile;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisProperties.class)
class RedisConfiguration {

    /**
     * Every wait on Redis is bounded by {@code dataivr.redis.timeout}: commands, and also connecting
     * (TCP connect and the handshake, 10 s and 60 s by Lettuce's defaults), so a Redis that hangs
     * fails a request quickly (e.g. STORE_UNAVAILABLE) instead of holding it for a minute.
     */
    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(RedisProperties properties) {
        RedisURI uri = RedisURI.create(properties.uri());
        uri.setTimeout(properties.timeout());
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .socketOptions(SocketOptions.builder().connectTimeout(properties.timeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(properties.timeout()))
                .build());
        return client;
    }

    /** Connects lazily on first use, so the adapter starts (and reports redis DOWN) while Redis is away. */
    @Bean(destroyMethod = "close")
    LazyRedisConnection redisConnection(RedisClient client) {
        return new LazyRedisConnection(client);
    }

    @Bean
    RedisIdleAgentMirror idleAgentMirror(LazyRedisConnection connection, RedisProperties properties) {
        return new RedisIdleAgentMirror(connection.commands(), connection.asyncCommands(), properties.keyPrefix());
    }

    /** Used customer-token ids, shared by every adapter node (replay protection). */
    @Bean
    RedisUsedTokenStore usedTokenStore(LazyRedisConnection connection, RedisProperties properties) {
        return new RedisUsedTokenStore(connection.commands(), properties.keyPrefix());
    }

    /** Health component "redis": UP only when a PING is answered now. */
    @Bean
    HealthIndicator redisHealthIndicator(LazyRedisConnection connection) {
        return () -> {
            try {
                StatefulRedisConnection<String, String> live = connection.connection();
                String pong = live.sync().ping();
                return Health.up().withDetail("ping", pong).build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
            }
        };
    }
}
