package io.dataivr.store.redis;

import io.dataivr.agent.IdleAgentMirror;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idle-agent FIFO of each queue as a Redis list, head first: {@code <prefix>idle:<queue>}.
 * Each change is one Lua script, so a reader never sees a half-made list. A marker key says the
 * copy is complete; it disappears with the data when Redis restarts empty or is flushed.
 *
 * <p>Appends and removals are sent without waiting for Redis (the caller is the AMI event thread):
 * Lettuce writes one connection's commands in order and Redis runs them in order, so the list goes
 * through the same changes in the same order, and a read on this connection sees every change sent
 * before it. A change Redis did not make marks the queue's copy as not intact, so the mirror check
 * rebuilds it from Asterisk.
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

    private final RedisCommands<String, String> redis;
    private final RedisAsyncCommands<String, String> async;
    private final String prefix;
    /** Queues with a change Redis did not make since their last {@link #replace}. */
    private final Set<String> broken = ConcurrentHashMap.newKeySet();

    /** {@code redis} and {@code async}: the sync and async commands of one connection. */
    public RedisIdleAgentMirror(RedisCommands<String, String> redis, RedisAsyncCommands<String, String> async,
            String prefix) {
        this.redis = redis;
        this.async = async;
        this.prefix = prefix;
    }

    @Override
    public void replace(String queue, List<String> agents) {
        redis.eval(REPLACE, ScriptOutputType.INTEGER, new String[] {key(queue), marker(queue)},
                agents.toArray(String[]::new));
        broken.remove(queue);
    }

    @Override
    public void append(String queue, String agent) {
        appended(queue, agent);
    }

    /** Appends without waiting; the stage completes when Redis has the agent at the tail. */
    public CompletionStage<?> appended(String queue, String agent) {
        return checked(queue, "append " + agent,
                async.eval(APPEND, ScriptOutputType.INTEGER, new String[] {key(queue)}, agent));
    }

    @Override
    public void remove(String queue, String agent) {
        checked(queue, "remove " + agent, async.lrem(key(queue), 0, agent));
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
        return redis.lrange(key(queue), 0, -1);
    }

    /**
     * The marker {@code <prefix>idle-built:<queue>} is written with the list; an empty FIFO has no list
     * key, so only the marker's absence tells that Redis lost the data.
     */
    @Override
    public boolean intact(String queue) {
        return !broken.contains(queue) && redis.exists(marker(queue)) == 1;
    }

    private String marker(String queue) {
        return prefix + "idle-built:" + queue;
    }

    private String key(String queue) {
        return prefix + "idle:" + queue;
    }
}
