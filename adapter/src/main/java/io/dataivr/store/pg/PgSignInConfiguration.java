package io.dataivr.store.pg;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The sign-in feature's tables (V11): users of {@code ./dataivr user …} and the lock-out's failures. */
@Configuration(proxyBeanMethods = false)
class PgSignInConfiguration {

    @Bean
    JdbcConsoleUserStore consoleUserStore(JdbcTemplate jdbc) {
        return new JdbcConsoleUserStore(jdbc);
    }

    @Bean
    JdbcSignInAttemptStore signInAttemptStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new JdbcSignInAttemptStore(jdbc, transactions);
    }
}
