package io.dataivr.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.SocketProbe;
import io.dataivr.menu.LocalizedText;
import io.dataivr.menu.Menu;
import io.dataivr.session.CallState;
import io.dataivr.session.ConsultationSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The log tables have no foreign key to their session (db/migration/V6): what keeps them whole is
 * the journal writing a session's row before its log rows, and skipping the log rows of a session
 * whose row the database refused. Checked here against the real PostgreSQL.
 */
@IntegrationTest
class SessionLogIntegrityIntegrationTests {

    private static final String[] NAVIGATION = {"{\"type\":\"choose\",\"key\":\"2\"}", "{\"type\":\"back\"}",
            "{\"type\":\"choose\",\"key\":\"1\"}", "{\"type\":\"choose\",\"key\":\"3\"}", "{\"type\":\"menu\"}"};

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JdbcSessionStore store;

    @Test
    void afterSessionsNavigateNoLogRowIsWithoutItsSessionAndEveryChoiceAndDeliveryIsStoredInOrder() throws Exception {
        List<SocketProbe> apps = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                SocketProbe app = SocketProbe.open(port);
                apps.add(app);
                sessions.add(app.ask("{\"type\":\"consult\",\"language\":\"en\"}").path("session").asText());
                app.next(); // the top menu
            }
            for (int round = 0; round < 4; round++) { // the sessions' messages interleave in the journal
                for (SocketProbe app : apps) {
                    for (String message : NAVIGATION) {
                        app.ask(message);
                    }
                }
            }
            for (int i = 0; i < apps.size(); i += 2) { // half end, half stay open
                assertThat(apps.get(i).ask("{\"type\":\"end\"}").path("type").asText()).isEqualTo("ended");
            }
        } finally {
            apps.forEach(SocketProbe::close);
        }
        store.flush();

        for (String session : sessions) {
            assertThat(jdbc.queryForList("select seq from service_item_log where session_id = ?::uuid order by id",
                    Integer.class, session)).as("items of %s in the order chosen", session)
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
            assertThat(jdbc.queryForList("select item_path from content_delivery_log where session_id = ?::uuid"
                    + " order by id", String.class, session)).as("deliveries of %s", session)
                    .containsExactly("1", "3", "1", "3", "1", "3", "1", "3");
        }
        assertThat(jdbc.queryForObject("""
                select count(*) from service_item_log l
                where not exists (select 1 from consultation_session s where s.id = l.session_id)""", Long.class))
                .as("service-item rows without their session, in the whole table").isZero();
        assertThat(jdbc.queryForObject("""
                select count(*) from content_delivery_log l
                where not exists (select 1 from consultation_session s where s.id = l.session_id)""", Long.class))
                .as("content-delivery rows without their session, in the whole table").isZero();
    }

    @Test
    void aSessionRowTheDatabaseRefusesTakesItsLogRowsWithItAndOtherSessionsAreKept() {
        Instant now = Instant.now();
        ConsultationSession refused = session(new Menu("no-such-menu-" + System.nanoTime(), 1, List.of("en"),
                LocalizedText.of("en", "Nowhere"), List.of()), now);
        ConsultationSession kept = session(new Menu("telecom", publishedTelecomVersion(), List.of("en"),
                LocalizedText.of("en", "Telecom"), List.of()), now);

        store.started(refused); // the menu version does not exist: the database refuses this row
        store.started(kept);
        store.itemChosen(refused.id(), 1, "1", "content", now, false);
        store.contentDelivered(refused.id(), "1", "en", 10, now);
        store.itemChosen(kept.id(), 1, "1", "content", now, false);
        store.contentDelivered(kept.id(), "1", "en", 10, now);
        store.flush();
        store.itemChosen(refused.id(), 2, "3", "content", now, false); // a later batch
        store.contentDelivered(refused.id(), "3", "en", 10, now);
        store.flush();

        assertThat(count("consultation_session", "id", refused.id())).isZero();
        assertThat(count("service_item_log", "session_id", refused.id())).isZero();
        assertThat(count("content_delivery_log", "session_id", refused.id())).isZero();
        assertThat(count("consultation_session", "id", kept.id())).isOne();
        assertThat(count("service_item_log", "session_id", kept.id())).isOne();
        assertThat(count("content_delivery_log", "session_id", kept.id())).isOne();
    }

    private int publishedTelecomVersion() {
        return jdbc.queryForObject("select published_version from menu where id = 'telecom'", Integer.class);
    }

    private long count(String table, String column, UUID id) {
        return jdbc.queryForObject("select count(*) from " + table + " where " + column + " = ?", Long.class, id);
    }

    private static ConsultationSession session(Menu menu, Instant at) {
        return new ConsultationSession(UUID.randomUUID(), menu, "en", "integrity-test", List.of(),
                new CallState.NoCall(), 0, 0, 0, at);
    }
}
