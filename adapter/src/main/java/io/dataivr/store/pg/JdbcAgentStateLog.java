package io.dataivr.store.pg;

import io.dataivr.agent.AgentState;
import io.dataivr.agent.AgentStateLog;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;

public class JdbcAgentStateLog implements AgentStateLog {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcAgentStateLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void transition(String agent, AgentState from, AgentState to, String reason) {
        jdbc.update("insert into agent_state_log (agent, from_state, to_state, reason, at) values (?, ?, ?, ?, ?)",
                agent, from.name(), to.name(), reason, Timestamp.from(clock.instant()));
    }
}
