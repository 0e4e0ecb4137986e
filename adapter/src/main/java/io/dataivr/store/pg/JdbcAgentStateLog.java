package io.dataivr.store.pg;

import io.dataivr.agent.AgentState;
import io.dataivr.agent.AgentStateLog;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Agent state transitions in PostgreSQL, written behind in order (the AMI event thread never waits
 * for the database); {@link #flush()} returns once everything logged so far is stored.
 */
public class JdbcAgentStateLog implements AgentStateLog, AutoCloseable {

    private static final String INSERT =
            "insert into agent_state_log (agent, from_state, to_state, reason, at) values (?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final WriteBehindJournal<Object[]> journal;

    public JdbcAgentStateLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.journal = new WriteBehindJournal<>("agent-state-log", 10_000, this::write);
    }

    @Override
    public void transition(String agent, AgentState from, AgentState to, String reason) {
        journal.append(new Object[] {agent, from.name(), to.name(), reason, Timestamp.from(clock.instant())});
    }

    public void flush() {
        journal.flush();
    }

    private void write(List<Object[]> rows) {
        jdbc.batchUpdate(INSERT, rows);
    }

    @Override
    public void close() throws InterruptedException {
        journal.close();
    }
}
