package io.dataivr.store.redis;

import io.dataivr.session.UsedTokenStore;
import io.dataivr.system.StoreUnavailable;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;

/**
 * Used customer-token ids as Redis keys {@code <prefix>token-used:<jti>}, each written with
 * {@code SET NX PX <remaining lifetime>}: the first writer wins on every node, and Redis drops the
 * key when the token expires. Any Redis failure (down, timeout) is STORE_UNAVAILABLE: the token is
 * not accepted without the check (fail closed).
 */
public class RedisUsedTokenStore implements UsedTokenStore {

    private final RedisCommands<String, String> redis;
    private final String prefix;

    public RedisUsedTokenStore(RedisCommands<String, String> redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public boolean markUsed(String tokenId, Duration keepFor) {
        long millis = Math.max(1, keepFor.toMillis());
        try {
            return "OK".equals(redis.set(prefix + "token-used:" + tokenId, "1", SetArgs.Builder.nx().px(millis)));
        } catch (RedisException e) {
            throw new StoreUnavailable("the used-token store (Redis)", e);
        }
    }
}
