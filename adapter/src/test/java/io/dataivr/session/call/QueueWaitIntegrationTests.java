package io.dataivr.session.call;

import io.dataivr.fixtures.TestAmi;
import static io.dataivr.fixtures.AppClient.isCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.AppClient;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.fixtures.SipPhoneProcess;
import java.time.Duration;
import java.util.Map;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * No idle agent: two app customers wait in the queue behind a busy agent, see their position and
 * estimated wait move live, keep browsing, and one gives up (nothing of it stays in Asterisk); the
 * other is then served by the agent, hangs up from the app and is back at the menu.
 */
@IntegrationTest
class QueueWaitIntegrationTests {

    private static final String QUEUE = "support";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final PhonesOnQueue phones = PhonesOnQueue.on(QUEUE, "dataivr-wait")
            .agentPhone("agent4", "127.0.0.34", 1100)
            .customerPhone("customer1", "127.0.0.41", 450) // dials the queue directly
            .customerPhone("customer2", "127.0.0.42", 460) // app A's phone
            .customerPhone("customer3", "127.0.0.43", 470); // app B's phone

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void customersWaitSeeTheirPlaceAndWaitKeepBrowsingAndCanGiveUpWithoutATraceInAsterisk() throws Exception {
        phones.onlyAgentLoggedIn("agent4");
        SipPhoneProcess agent = phones.phone("agent4");
        SipPhoneProcess appPhoneA = phones.phone("customer2");
        SipPhoneProcess appPhoneB = phones.phone("customer3");

        // The only agent is busy with a direct caller.
        phones.phone("customer1").control().dial("sip:q-support@127.0.0.1");
        phones.awaitTalking("agent4");
        assertThat(phones.membership().members(QUEUE)).isEmpty();

        AppClient a = AppClient.open(port);
        AppClient b = AppClient.open(port);
        try {
            String dialA = a.askForAgent();
            appPhoneA.control().dial(dialA);
            JsonNode queuedA = a.next(m -> isCall(m, "queued") && m.path("position").asInt() == 1);
            assertThat(queuedA.path("estimatedWaitSeconds").asInt()).isPositive();

            String dialB = b.askForAgent();
            appPhoneB.control().dial(dialB);
            JsonNode queuedB = b.next(m -> isCall(m, "queued") && m.path("position").asInt() == 2);
            assertThat(queuedB.path("estimatedWaitSeconds").asInt())
                    .isGreaterThanOrEqualTo(queuedA.path("estimatedWaitSeconds").asInt());
            assertThat(callersWaiting()).isEqualTo(2);

            // B keeps browsing while it waits.
            b.client().choose("1");
            b.next(m -> m.path("type").asText().equals("content"));

            // A gives up: its call leaves the queue and Asterisk; B moves up, live.
            a.client().hangup();
            a.next(m -> isCall(m, "ended"));
            appPhoneA.control().awaitEvent("CALL_CLOSED", WAIT);
            JsonNode movedUp = b.next(m -> isCall(m, "queued") && m.path("position").asInt() == 1);
            assertThat(movedUp.path("estimatedWaitSeconds").asInt()).isPositive();
            await().atMost(WAIT).until(() -> callersWaiting() == 1);
            a.client().menu();
            a.next(m -> m.path("type").asText().equals("menu") && m.path("path").isEmpty());

            // The agent finishes its call; B is served by it, then hangs up from the app.
            agent.control().hangup();
            b.next(m -> isCall(m, "talking") && m.path("agent").asText().equals("agent4"));
            b.client().hangup();
            b.next(m -> isCall(m, "ended"));
            appPhoneB.control().awaitEvent("CALL_CLOSED", WAIT);
            phones.awaitIdle("agent4");
            assertThat(callersWaiting()).isZero();

            Map<String, Object> callA = phones.storedRow(
                    "select outcome, ended_at is not null as ended, answered_at is null as unanswered "
                            + "from voice_call where session_id = ?::uuid", a.session());
            assertThat(callA).containsEntry("ended", true).containsEntry("unanswered", true);
            assertThat(jdbc.queryForObject("select during_call from service_item_log where session_id = ?::uuid "
                    + "and item_path = '1'", Boolean.class, b.session())).isTrue();
        } finally {
            a.close();
            b.close();
        }
    }

    private int callersWaiting() throws Exception {
        ManagerConnection manager = TestAmi.factory()
                .createManagerConnection();
        manager.login();
        try {
            QueueStatusAction status = new QueueStatusAction();
            status.setQueue(QUEUE);
            ResponseEvents response = manager.sendEventGeneratingAction(status, 5_000);
            return (int) response.getEvents().stream().filter(e -> e instanceof QueueEntryEvent).count();
        } finally {
            manager.logoff();
        }
    }
}
