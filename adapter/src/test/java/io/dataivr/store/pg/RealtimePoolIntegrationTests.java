package io.dataivr.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.IntegrationTest;
import io.dataivr.session.device.SipAccount;
import io.dataivr.session.device.SipAccountStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Device accounts kept in a database other than the adapter's own (as in the tests, and wherever Asterisk
 * reads its realtime objects from a database of its own) are written through a small pool of connections
 * that stay open: each account provisioned and revoked takes no new connection (no new PostgreSQL backend
 * process), and the pool's connections say whose they are ({@code application_name}).
 */
@IntegrationTest
class RealtimePoolIntegrationTests {

    @Autowired
    SipAccountStore accounts;
    @Autowired
    PjsipRealtimeProperties realtime;
    @Autowired
    DataSourceProperties adapterDatabase;

    @Test
    void accountsWrittenOneAfterAnotherReuseThePoolsConnections() {
        assertThat(realtime.url()).as("this test needs the realtime database apart from the adapter's")
                .isNotEqualTo(adapterDatabase.getUrl());
        JdbcTemplate observer = new JdbcTemplate(new DriverManagerDataSource(realtime.url(), realtime.username(),
                realtime.password()));

        writeAndRevoke(10);
        Set<Integer> first = poolBackends(observer);
        assertThat(first).as("the pool's connections to the realtime database").isNotEmpty()
                .hasSizeLessThanOrEqualTo(PgStoreConfiguration.REALTIME_POOL_SIZE);
        writeAndRevoke(20);
        Set<Integer> second = poolBackends(observer);

        assertThat(second).as("the pool's connections after 20 more accounts").isNotEmpty()
                .hasSizeLessThanOrEqualTo(PgStoreConfiguration.REALTIME_POOL_SIZE);
        second.retainAll(first);
        assertThat(second).as("connections open before and after those 20 accounts (kept, not reopened)")
                .isNotEmpty();
    }

    private void writeAndRevoke(int count) {
        for (int i = 0; i < count; i++) {
            String username = "dev-pooltest" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            Instant now = Instant.now();
            accounts.provision(new SipAccount(username, "Pool-test-password-0123", "127.0.0.1", "sip:127.0.0.1:5060",
                    now.plus(Duration.ofMinutes(5))), UUID.randomUUID(), now);
            assertThat(accounts.isLive(username)).isTrue();
            assertThat(accounts.revoke(username, "pool test", Instant.now())).isTrue();
            assertThat(accounts.isLive(username)).isFalse();
        }
    }

    private static Set<Integer> poolBackends(JdbcTemplate observer) {
        return new HashSet<>(observer.queryForList("select pid from pg_stat_activity where application_name = ?",
                Integer.class, PgStoreConfiguration.REALTIME_POOL));
    }
}
