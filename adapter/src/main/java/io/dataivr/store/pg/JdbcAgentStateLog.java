package io.dataivr.store.pg;

import io.dataivr.agent.Agent;
import io.dataivr.agent.AgentState;
import io.dataivr.agent.AgentStateLog;
import io.dataivr.agent.SavedAgentState;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Agent state transitions in PostgreSQL ({@code agent_state_log}) and each agent's latest state
 * ({@code agent_state}, what a restarted adapter reads back), written behind in order: the AMI event
 * thread never waits for the database; {@link #sync()} (after an agent's own action) and
 * {@link #flush()} wait until everything logged so far is stored.
 */
public class JdbcAgentStateLog implements AgentStateLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JdbcAgentStateLog.class);
    private static final Duration SYNC_LIMIT = Duration.ofSeconds(2);
    private static final String INSERT =
            "insert into agent_state_log (agent, from_state, to_state, reason, at) values (?, ?, ?, ?, ?)";
    private static final String UPSERT = """
            insert into agent_state (agent, state, previous_state, queues, pause_reason, updated_at)
            values (?, ?, ?, string_to_array(?, ','), ?, ?)
            on conflict (agent) do update set state = excluded.state, previous_state = excluded.previous_state,
                queues = excluded.queues, pause_reason = excluded.pause_reason, updated_at = excluded.updated_at""";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final WriteBehindJournal<Row> journal;

    public JdbcAgentStateLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.journal = new WriteBehindJournal<>("agent-state-log", 10_000, this::write);
    }

    /** One transition; {@code queues} null when only the states are known. */
    private record Row(String agent, String from, String to, String reason, Timestamp at, List<String> queues,
            String pauseReason) {
    }

    @Override
    public void transition(String agent, AgentState from, AgentState to, String reason) {
        journal.append(new Row(agent, from.name(), to.name(), reason, Timestamp.from(clock.instant()), null, null));
    }

    @Override
    public void transition(Agent before, Agent after, String reason) {
        journal.append(new Row(after.name(), before.state().name(), after.state().name(), reason,
                Timestamp.from(clock.instant()), after.queues(), after.pauseReason()));
    }

    @Override
    public void sync() {
        if (!journal.flush(SYNC_LIMIT)) {
            log.warn("agent states not stored within {} (PostgreSQL slow or away); they stay queued", SYNC_LIMIT);
        }
    }

    public void flush() {
        journal.flush();
    }

    @Override
    public Map<String, SavedAgentState> saved() {
        Map<String, SavedAgentState> saved = new HashMap<>();
        jdbc.query("select agent, state, previous_state, queues, pause_reason from agent_state", rs -> {
            String previous = rs.getString("previous_state");
            saved.put(rs.getString("agent"), new SavedAgentState(rs.getString("agent"),
                    AgentState.valueOf(rs.getString("state")), previous == null ? null : AgentState.valueOf(previous),
                    queues(rs.getArray("queues")), rs.getString("pause_reason")));
        });
        return saved;
    }

    private static List<String> queues(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private void write(List<Row> rows) {
        List<Object[]> history = new ArrayList<>(rows.size());
        Map<String, Object[]> latest = new LinkedHashMap<>();
        for (Row row : rows) {
            history.add(new Object[] {row.agent, row.from, row.to, row.reason, row.at});
            if (row.queues != null) {
                latest.remove(row.agent);
                latest.put(row.agent, new Object[] {row.agent, row.to, row.from, String.join(",", row.queues),
                        row.pauseReason, row.at});
            }
        }
        jdbc.batchUpdate(INSERT, history);
        if (!latest.isEmpty()) {
            jdbc.batchUpdate(UPSERT, new ArrayList<>(latest.values()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        journal.close();
    }
}
