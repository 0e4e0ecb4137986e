package io.dataivr.store.redis;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The adapter's Redis stores on Spring Boot's Redis auto-configuration ({@code spring.data.redis.*}):
 * one Lettuce connection shared by every user (Spring Data Redis's default), opened on first use, so
 * the adapter starts while Redis is away and reports it in the health component {@code redis} (Spring
 * Boot's indicator); Lettuce reconnects a connection that drops and reports its command latencies to
 * Micrometer ({@code lettuce.command.*}).
 */
@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisKeyProperties.class)
class RedisConfiguration {

    @Bean
    RedisIdleAgentMirror idleAgentMirror(RedisConnectionFactory connections, StringRedisTemplate redis,
            RedisKeyProperties keys) {
        return new RedisIdleAgentMirror(connections, redis, keys.keyPrefix());
    }

    /** Used customer-token ids, shared by every adapter node (replay protection). */
    @Bean
    RedisUsedTokenStore usedTokenStore(StringRedisTemplate redis, RedisKeyProperties keys) {
        return new RedisUsedTokenStore(redis, keys.keyPrefix());
    }
}
