package io.dataivr.store.redis;

import io.dataivr.session.token.UsedTokenStore;
import io.dataivr.system.StoreUnavailable;
import java.time.Duration;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Used customer-token ids as Redis keys {@code <prefix>token-used:<jti>}, each written with
 * {@code SET NX PX <remaining lifetime>}: the first writer wins on every node, and Redis drops the
 * key when the token expires. Any Redis failure (down, timeout) is STORE_UNAVAILABLE: the token is
 * not accepted without the check (fail closed).
 */
public class RedisUsedTokenStore implements UsedTokenStore {

    private final StringRedisTemplate redis;
    private final String prefix;

    public RedisUsedTokenStore(StringRedisTemplate redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public boolean markUsed(String tokenId, Duration keepFor) {
        Duration millis = Duration.ofMillis(Math.max(1, keepFor.toMillis()));
        try {
            return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(prefix + "token-used:" + tokenId, "1", millis));
        } catch (DataAccessException e) {
            throw new StoreUnavailable("the used-token store (Redis)", e);
        }
    }
}
