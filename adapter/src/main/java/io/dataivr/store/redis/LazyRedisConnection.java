package io.dataivr.store.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.lang.reflect.Proxy;

/**
 * One shared Lettuce connection, opened on first use and reopened if opening failed before; Lettuce
 * itself reconnects an open connection that drops.
 */
public class LazyRedisConnection implements AutoCloseable {

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    public LazyRedisConnection(RedisClient client) {
        this.client = client;
    }

    public StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            synchronized (this) {
                if (connection == null) {
                    connection = client.connect();
                }
                current = connection;
            }
        }
        return current;
    }

    /** Sync commands that connect on the first call rather than now. */
    @SuppressWarnings("unchecked")
    public RedisCommands<String, String> commands() {
        return (RedisCommands<String, String>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RedisCommands.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(connection().sync(), args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Async commands on the same connection (so in order with the sync ones), connecting on the first call. */
    @SuppressWarnings("unchecked")
    public RedisAsyncCommands<String, String> asyncCommands() {
        return (RedisAsyncCommands<String, String>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RedisAsyncCommands.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(connection().async(), args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
