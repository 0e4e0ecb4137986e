package io.dataivr.store.pg;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The agent console's reads and writes: a caller's earlier sessions, a call's disposition. */
@Configuration(proxyBeanMethods = false)
class ConsoleStoreConfiguration {

    @Bean
    JdbcCallerHistory callerHistory(JdbcTemplate jdbc, JdbcSessionStore writes) {
        return new JdbcCallerHistory(jdbc, writes);
    }

    @Bean
    JdbcCallDispositions callDispositions(JdbcTemplate jdbc, JdbcSessionStore writes) {
        return new JdbcCallDispositions(jdbc, writes);
    }
}
