package io.dataivr.store.pg;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class PgStoreConfiguration {

    @Bean
    JdbcMenuStore menuStore(JdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper json) {
        return new JdbcMenuStore(jdbc, transactions, json);
    }

    @Bean(destroyMethod = "close")
    JdbcSessionStore sessionStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new JdbcSessionStore(jdbc, transactions);
    }

    @Bean
    JdbcSessionRecords sessionRecords(JdbcTemplate jdbc, JdbcSessionStore writes) {
        return new JdbcSessionRecords(jdbc, writes);
    }

    @Bean
    JdbcAgentStateLog agentStateLog(JdbcTemplate jdbc, Clock clock) {
        return new JdbcAgentStateLog(jdbc, clock);
    }
}
