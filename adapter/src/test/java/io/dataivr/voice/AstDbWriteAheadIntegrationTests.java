package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.TestAmi;
import java.time.Duration;
import java.util.List;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.DbDelAction;
import org.asteriskjava.manager.action.DbGetAction;
import org.asteriskjava.manager.action.DbPutAction;
import org.asteriskjava.manager.event.DbGetResponseEvent;
import org.asteriskjava.manager.response.CommandResponse;
import org.asteriskjava.manager.response.ManagerError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Asterisk's database is switched to write-ahead logging without fsync at each AMI login, on the real
 * Asterisk: from SQLite's defaults as Asterisk leaves them (set back here first, through the same CLI
 * command an admin would use), and it still stores, reads and deletes entries afterwards.
 */
@IntegrationTest
class AstDbWriteAheadIntegrationTests {

    static final String DEFAULTS =
            "database query \"COMMIT; PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL; BEGIN TRANSACTION\"";

    @Autowired
    AmiGateway gateway;

    private ManagerConnection ami;

    @BeforeEach
    void login() throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(gateway::connected);
        ami = TestAmi.factory().createManagerConnection();
        ami.login("off");
    }

    @AfterEach
    void logoff() {
        ami.logoff();
    }

    @Test
    void asterisksDefaultsAreSwitchedToWriteAheadLoggingAndTheDatabaseStillWorks() throws Exception {
        command(DEFAULTS);
        assertThat(mode()).as("Asterisk's defaults, set back").isEqualTo(new AstDbWriteAhead.Mode("delete", "2"));

        AstDbWriteAhead.Mode switched = gateway.writeAhead();

        assertThat(switched).isEqualTo(AstDbWriteAhead.Mode.WRITE_AHEAD);
        assertThat(mode()).as("as Asterisk's connection reports it").isEqualTo(AstDbWriteAhead.Mode.WRITE_AHEAD);
        assertThat(gateway.writeAhead()).as("a second login finds it set").isEqualTo(AstDbWriteAhead.Mode.WRITE_AHEAD);
        String key = "probe-" + System.nanoTime();
        assertThat(ami.sendAction(new DbPutAction("dataivr-test", key, "stored"), 5_000))
                .isNotInstanceOf(ManagerError.class);
        assertThat(ami.sendEventGeneratingAction(new DbGetAction("dataivr-test", key), 5_000).getEvents().stream()
                .filter(DbGetResponseEvent.class::isInstance).map(event -> ((DbGetResponseEvent) event).getVal()))
                .containsExactly("stored");
        assertThat(ami.sendAction(new DbDelAction("dataivr-test", key), 5_000)).isNotInstanceOf(ManagerError.class);
    }

    @Test
    void theModeIsReadFromTheLinesOfTheQuery() {
        assertThat(AstDbWriteAhead.Mode.parse(List.of("journal_mode: WAL  ", "", "synchronous: 1  ", "")))
                .isEqualTo(AstDbWriteAhead.Mode.WRITE_AHEAD);
        assertThat(AstDbWriteAhead.Mode.parse(List.of("No such command")))
                .isEqualTo(new AstDbWriteAhead.Mode(null, null));
    }

    private AstDbWriteAhead.Mode mode() throws Exception {
        return AstDbWriteAhead.Mode.parse(command(AstDbWriteAhead.READ));
    }

    private List<String> command(String command) throws Exception {
        CommandResponse response = (CommandResponse) ami.sendAction(new CommandAction(command), 5_000);
        return response.getResult();
    }
}
