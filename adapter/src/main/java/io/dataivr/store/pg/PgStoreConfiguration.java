package io.dataivr.store.pg;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayProperties;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PjsipRealtimeProperties.class)
class PgStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PgStoreConfiguration.class);

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

    /** The pool of connections to the realtime database when it is not the adapter's own. */
    static final String REALTIME_POOL = "dataivr-pjsip-realtime";
    static final int REALTIME_POOL_SIZE = 4;

    /**
     * Device accounts go where Asterisk reads them. That is normally the adapter's own database; when
     * it is another one (the tests have a database of their own but share Asterisk), that database
     * gets the same migrations, with the same Flyway settings, and a small pool of connections of its
     * own ({@value #REALTIME_POOL}, also its connections' application name), closed with the store: a
     * connection opened for each write (a new PostgreSQL backend process every time) cost the session's
     * end and every account written a few milliseconds of CPU on both sides.
     */
    @Bean
    JdbcSipAccountStore sipAccountStore(JdbcTemplate jdbc, TransactionTemplate transactions,
            DataSourceProperties dataSource, PjsipRealtimeProperties realtime, FlywayProperties flyway) {
        if (realtime.url().equals(dataSource.getUrl())) {
            return new JdbcSipAccountStore(jdbc, transactions, realtime);
        }
        HikariConfig pool = new HikariConfig();
        pool.setPoolName(REALTIME_POOL);
        pool.setJdbcUrl(realtime.url());
        pool.setUsername(realtime.username());
        pool.setPassword(realtime.password());
        pool.setMaximumPoolSize(REALTIME_POOL_SIZE);
        pool.setMinimumIdle(1);
        pool.addDataSourceProperty("ApplicationName", REALTIME_POOL);
        HikariDataSource other = new HikariDataSource(pool);
        log.info("PJSIP realtime accounts are kept in {} (not the adapter's database)", realtime.url());
        List<String> ignored = flyway.getIgnoreMigrationPatterns();
        var migrations = Flyway.configure().dataSource(other).locations(flyway.getLocations().toArray(String[]::new))
                .outOfOrder(flyway.isOutOfOrder());
        if (ignored != null) {
            migrations.ignoreMigrationPatterns(ignored.toArray(String[]::new));
        }
        try {
            migrations.load().migrate();
        } catch (RuntimeException e) {
            other.close();
            throw e;
        }
        return new JdbcSipAccountStore(new JdbcTemplate(other),
                new TransactionTemplate(new DataSourceTransactionManager(other)), realtime, other);
    }

    /** The wallboard's figures and the calls CSV (report feature). */
    @Bean
    JdbcCallReportStore callReportStore(JdbcTemplate jdbc, JdbcSessionStore writes, JdbcSipAccountStore accounts) {
        return new JdbcCallReportStore(jdbc, writes, accounts);
    }

    @Bean(destroyMethod = "close")
    JdbcAgentStateLog agentStateLog(JdbcTemplate jdbc, Clock clock) {
        return new JdbcAgentStateLog(jdbc, clock);
    }
}
