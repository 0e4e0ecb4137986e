package io.dataivr.store.pg;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayProperties;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
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

    /**
     * Device accounts go where Asterisk reads them. That is normally the adapter's own database; when
     * it is another one (the tests have a database of their own but share Asterisk), that database
     * gets the same migrations, with the same Flyway settings.
     */
    @Bean
    JdbcSipAccountStore sipAccountStore(JdbcTemplate jdbc, TransactionTemplate transactions,
            DataSourceProperties dataSource, PjsipRealtimeProperties realtime, FlywayProperties flyway) {
        if (realtime.url().equals(dataSource.getUrl())) {
            return new JdbcSipAccountStore(jdbc, transactions, realtime);
        }
        DriverManagerDataSource other = new DriverManagerDataSource(realtime.url(), realtime.username(),
                realtime.password());
        log.info("PJSIP realtime accounts are kept in {} (not the adapter's database)", realtime.url());
        List<String> ignored = flyway.getIgnoreMigrationPatterns();
        var migrations = Flyway.configure().dataSource(other).locations(flyway.getLocations().toArray(String[]::new))
                .outOfOrder(flyway.isOutOfOrder());
        if (ignored != null) {
            migrations.ignoreMigrationPatterns(ignored.toArray(String[]::new));
        }
        migrations.load().migrate();
        return new JdbcSipAccountStore(new JdbcTemplate(other),
                new TransactionTemplate(new DataSourceTransactionManager(other)), realtime);
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
