package io.dataivr.store.redis;

import io.dataivr.agent.IdleAgentMirror;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The idle-agent FIFO of each queue as a Redis list, head first: {@code <prefix>idle:<queue>}.
 * Each change is one Lua script, so a reader never sees a half-made list. A marker key says the
 * copy is complete; it disappears with the data when Redis restarts empty or is flushed.
 *
 * <p>Appends and removals are sent without waiting for Redis (the caller is the AMI event thread), on
 * the connection every other command uses too (Spring Data Redis shares one native Lettuce connection,
 * {@code shareNativeConnection}, its default): Lettuce writes one connection's commands in order and
 * Redis runs them in order, so the list goes through the same changes in the same order, and a read
 * sees every change sent before it. A change Redis did not make (or that could not be sent) marks the
 * queue's copy as not intact, so the mirror check rebuilds it from Asterisk.
 */
public class RedisIdleAgentMirror implements IdleAgentMirror {

    private static final Logger log = LoggerFactory.getLogger(RedisIdleAgentMirror.class);
    private static final String REPLACE = """
            redis.call('del', KEYS[1])
            if #ARGV > 0 then redis.call('rpush', KEYS[1], unpack(ARGV)) end
            redis.call('set', KEYS[2], '1')
            return #ARGV""";
    private static final String APPEND = """
            redis.call('lrem', KEYS[1], 0, ARGV[1])
            return redis.call('rpush', KEYS[1], ARGV[1])""";

    private static final RedisScript<Long> REPLACE_SCRIPT = RedisScript.of(REPLACE, Long.class);
    private static final byte[] APPEND_SCRIPT = APPEND.getBytes(StandardCharsets.UTF_8);

    private final RedisConnectionFactory connections;
    private final StringRedisTemplate redis;
    private final String prefix;
    /** Queues with a change Redis did not make since their last {@link #replace}. */
    private final Set<String> broken = ConcurrentHashMap.newKeySet();

    /** {@code redis}: a template on {@code connections}, which must share one native connection. */
    public RedisIdleAgentMirror(RedisConnectionFactory connections, StringRedisTemplate redis, String prefix) {
        this.connections = connections;
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public void replace(String queue, List<String> agents) {
        redis.execute(REPLACE_SCRIPT, List.of(key(queue), marker(queue)), agents.toArray());
        broken.remove(queue);
    }

    @Override
    public void append(String queue, String agent) {
        appended(queue, agent);
    }

    /** Appends without waiting; the stage completes when Redis has the agent at the tail. */
    public CompletionStage<?> appended(String queue, String agent) {
        return checked(queue, "append " + agent, async(commands -> commands.eval(APPEND_SCRIPT,
                ScriptOutputType.INTEGER, new byte[][] {bytes(key(queue))}, bytes(agent))));
    }

    @Override
    public void remove(String queue, String agent) {
        checked(queue, "remove " + agent, async(commands -> commands.lrem(bytes(key(queue)), 0, bytes(agent))));
    }

    /** Sends one command on the shared connection without waiting; a failure to send is a failed stage. */
    private CompletionStage<?> async(
            Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<?>> command) {
        try (RedisConnection connection = connections.getConnection()) {
            @SuppressWarnings("unchecked")
            RedisClusterAsyncCommands<byte[], byte[]> commands =
                    (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
            return command.apply(commands);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<?> checked(String queue, String what, CompletionStage<?> sent) {
        return sent.whenComplete((result, failure) -> {
            if (failure != null) {
                broken.add(queue);
                log.warn("Redis did not {} in the mirror of queue {} ({}); it will be rebuilt", what, queue,
                        failure.getMessage());
            }
        });
    }

    @Override
    public List<String> read(String queue) {
        return redis.opsForList().range(key(queue), 0, -1);
    }

    /**
     * The marker {@code <prefix>idle-built:<queue>} is written with the list; an empty FIFO has no list
     * key, so only the marker's absence tells that Redis lost the data.
     */
    @Override
    public boolean intact(String queue) {
        return !broken.contains(queue) && Boolean.TRUE.equals(redis.hasKey(marker(queue)));
    }

    private String marker(String queue) {
        return prefix + "idle-built:" + queue;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String key(String queue) {
        return prefix + "idle:" + queue;
    }
}
