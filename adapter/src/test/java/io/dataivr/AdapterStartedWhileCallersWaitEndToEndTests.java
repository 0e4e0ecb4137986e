package io.dataivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.fixtures.CustomerCalls;
import io.dataivr.fixtures.QueueAdapterProcess;
import io.dataivr.fixtures.QueueMembers;
import io.dataivr.fixtures.TestAmi;
import io.dataivr.fixtures.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.HangupAction;
import org.junit.jupiter.api.Test;

/**
 * Callers already waiting in a queue when the adapter starts joined while no adapter followed Asterisk's
 * events: the adapter reads them from Asterisk as it connects, so its wallboard and its waiting-caller gauge
 * show them at once, first in line first, with how long they have waited, and each leaves the board when
 * its call ends. The adapter runs as a JVM of its own on the test-only queue {@code race-test}, which nobody
 * serves here; the callers are Local channels dialling the queue directly (phone callers).
 */
class AdapterStartedWhileCallersWaitEndToEndTests {

    private static final String QUEUE = "race-test";
    private static final String PREFIX = "dataivr-waiting-at-start:";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void callersWaitingBeforeTheAdapterStartsAreOnItsWallboardInTheirOrderWithTheirWait() throws Exception {
        ManagerConnection ami = TestAmi.factory().createManagerConnection();
        ami.login("off");
        String id = UUID.randomUUID().toString().substring(0, 8);
        String first = "early" + id;
        String second = "later" + id;
        try {
            QueueMembers.removeAll(ami, QUEUE);
            TestDatabase.forgetAgentsOf(QUEUE); // no agent of an earlier run is restored into the queue
            ami.sendAction(CustomerCalls.dialling("q-" + QUEUE, first, 120), 5_000);
            await().atMost(WAIT).until(() -> QueueMembers.callers(ami, QUEUE).contains(first + "-b"));
            Thread.sleep(2_100); // Asterisk counts waits in whole seconds: the first has waited 2 s more
            ami.sendAction(CustomerCalls.dialling("q-" + QUEUE, second, 120), 5_000);
            await().atMost(WAIT).until(() -> QueueMembers.callers(ami, QUEUE).equals(List.of(first + "-b",
                    second + "-b")));

            try (QueueAdapterProcess adapter = QueueAdapterProcess.start(QUEUE, "PJSIP/{agent}", PREFIX, "",
                    List.of())) {
                await().atMost(WAIT).untilAsserted(() -> {
                    JsonNode board = board(adapter);
                    assertThat(board.path("waitingCount").asInt()).isEqualTo(2);
                    assertThat(board.path("waiting").findValuesAsText("position")).containsExactly("1", "2");
                    assertThat(board.path("waiting").findValuesAsText("origin")).containsExactly("phone", "phone");
                    List<Long> waits = new ArrayList<>();
                    board.path("waiting").forEach(caller -> waits.add(caller.path("waitSeconds").asLong()));
                    assertThat(waits.get(0)).as("the first caller's wait, joined before the second")
                            .isGreaterThanOrEqualTo(waits.get(1) + 2);
                    assertThat(board.path("longestWaitSeconds").asLong()).isEqualTo(waits.get(0));
                    assertThat(waitingGauge(adapter)).isEqualTo(2.0);
                });
                // The board's figures count no call: these were offered before the adapter ran.
                long offered = board(adapter).path("today").path("offered").asLong();

                // The first caller gives up: it leaves the board and the gauge; the second is first now.
                ami.sendAction(new HangupAction(first + "-b"), 5_000);
                await().atMost(WAIT).untilAsserted(() -> {
                    JsonNode board = board(adapter);
                    assertThat(board.path("waitingCount").asInt()).isEqualTo(1);
                    assertThat(board.path("waiting").findValuesAsText("position")).containsExactly("1");
                    assertThat(waitingGauge(adapter)).isEqualTo(1.0);
                });
                ami.sendAction(new HangupAction(second + "-b"), 5_000);
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(board(adapter).path("waitingCount").asInt()).isZero();
                    assertThat(waitingGauge(adapter)).isZero();
                });
                assertThat(board(adapter).path("today").path("offered").asLong()).isEqualTo(offered);
            }
        } finally {
            ami.sendAction(new HangupAction("/^Local\\/q-" + QUEUE + "@.*/"), 5_000);
            ami.logoff();
        }
    }

    /** The queue's part of the wallboard the adapter serves (GET /api/v1/wallboard). */
    private static JsonNode board(QueueAdapterProcess adapter) throws Exception {
        for (JsonNode queue : JSON.readTree(adapter.adminGet("/api/v1/wallboard")).path("queues")) {
            if (queue.path("queue").asText().equals(QUEUE)) {
                return queue;
            }
        }
        throw new AssertionError("the wallboard has no queue " + QUEUE);
    }

    /** The waiting-caller gauge of the queue, as Prometheus scrapes it. */
    private static double waitingGauge(QueueAdapterProcess adapter) throws Exception {
        Matcher gauge = Pattern.compile("(?m)^dataivr_queue_waiting_callers\\{[^}]*queue=\"" + QUEUE
                + "\"[^}]*} (\\S+)$").matcher(adapter.adminGet("/actuator/prometheus"));
        assertThat(gauge.find()).as("the gauge dataivr_queue_waiting_callers of %s", QUEUE).isTrue();
        return Double.parseDouble(gauge.group(1));
    }
}
