package io.dataivr.store.redis;

import io.dataivr.agent.IdleAgentMirror;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;

/**
 * The idle-agent FIFO of each queue as a Redis list, head first: {@code <prefix>idle:<queue>}.
 * Each change is one Lua script, so a reader never sees a half-made list. A marker key says the
 * copy is complete; it disappears with the data when Redis restarts empty or is flushed.
 */
public class RedisIdleAgentMirror implements IdleAgentMirror {

    private static final String REPLACE = """
            redis.call('del', KEYS[1])
            if #ARGV > 0 then redis.call('rpush', KEYS[1], unpack(ARGV)) end
            redis.call('set', KEYS[2], '1')
            return #ARGV""";
    private static final String APPEND = """
            redis.call('lrem', KEYS[1], 0, ARGV[1])
            return redis.call('rpush', KEYS[1], ARGV[1])""";

    private final RedisCommands<String, String> redis;
    private final String prefix;

    public RedisIdleAgentMirror(RedisCommands<String, String> redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public void replace(String queue, List<String> agents) {
        redis.eval(REPLACE, ScriptOutputType.INTEGER, new String[] {key(queue), marker(queue)},
                agents.toArray(String[]::new));
    }

    @Override
    public void append(String queue, String agent) {
        redis.eval(APPEND, ScriptOutputType.INTEGER, new String[] {key(queue)}, agent);
    }

    @Override
    public void remove(String queue, String agent) {
        redis.lrem(key(queue), 0, agent);
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
        return redis.exists(marker(queue)) == 1;
    }

    private String marker(String queue) {
        return prefix + "idle-built:" + queue;
    }

    private String key(String queue) {
        return prefix + "idle:" + queue;
    }
}
