package io.dataivr.voice;

import static io.dataivr.fixtures.AppClient.isCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.IntegrationTest;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.FifoReconciler;
import io.dataivr.agent.AgentState;
import io.dataivr.agent.IdleAgentMirror;
import io.dataivr.agent.QueueMembership;
import io.dataivr.fixtures.AppClient;
import io.dataivr.fixtures.CustomerCalls;
import io.dataivr.fixtures.EmptyQueue;
import io.dataivr.fixtures.AmiProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Asterisk restarts under the adapter ({@code core restart now}: same binary, same configuration).
 * The adapter's AMI connection comes back within 5 s of Asterisk being up again. Asterisk comes back
 * with no queue members ({@code persistentmembers = no}); the adapter sees that Asterisk itself
 * restarted (its start time changed) and, once Asterisk is fully booted, adds the agents it held as
 * idle back in their FIFO order, keeping a paused agent paused: desk-phone agents stay logged in,
 * and the FIFO, the Redis mirror and Asterisk's members agree. (A reconnect to the same Asterisk
 * keeps the rule that Asterisk's members win: AsteriskRestartWatchTests, AsteriskRestartRestoreTests.)
 * Asterisk is running again when the test ends.
 */
@IntegrationTest
class AsteriskRestartIntegrationTests {

    private static final String QUEUE = "support";

    @Autowired
    AgentService agents;
    @Autowired
    FifoReconciler reconciler;
    @Autowired
    IdleAgentMirror mirror;
    @Autowired
    QueueMembership membership;
    @Autowired
    AmiGateway ami;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    @Test
    void afterAnAsteriskRestartAmiReconnectsWithinFiveSecondsAndTheIdleAgentsAreBackInFifoOrder() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(ami::connected);
        EmptyQueue.of(QUEUE, agents, reconciler, membership);
        agents.login("agent3", QUEUE);
        agents.login("agent2", QUEUE);
        agents.login("agent1", QUEUE);
        agents.pause("agent2", "coffee");
        assertThat(membership.members(QUEUE)).containsExactly("agent3", "agent1");

        long lostBefore = ami.sessionsLost();
        long asked = System.nanoTime();
        AmiProbe.command("core restart now");
        try {
            // Counted as it happens: the probe's command may return after the adapter is back.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10))
                    .until(() -> ami.sessionsLost() > lostBefore);
            long down = ami.lastLostAt();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(AmiProbe::fullyBooted);
            long up = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(ami::connected);
            long reconnected = System.nanoTime();
            System.out.printf("Asterisk restart: AMI lost %d ms after 'core restart now', Asterisk up again %d ms later,"
                    + " adapter reconnected %d ms after that%n", (down - asked) / 1_000_000, (up - down) / 1_000_000,
                    (reconnected - up) / 1_000_000);
            assertThat(Duration.ofNanos(reconnected - up)).isLessThanOrEqualTo(Duration.ofSeconds(5));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(membership.members(QUEUE)).containsExactly("agent3", "agent1");
                assertThat(agents.idleAgents(QUEUE)).containsExactly("agent3", "agent1");
                assertThat(mirror.read(QUEUE)).containsExactly("agent3", "agent1");
                assertThat(mirror.intact(QUEUE)).isTrue();
            });
            long restored = System.nanoTime();
            System.out.printf("Asterisk restart: idle agents back in Asterisk's queue %d ms after the reconnect%n",
                    (restored - reconnected) / 1_000_000);
            assertThat(agents.state("agent3")).isEqualTo(AgentState.IDLE);
            assertThat(agents.state("agent1")).isEqualTo(AgentState.IDLE);
            assertThat(agents.state("agent2")).isEqualTo(AgentState.PAUSED);
            assertThat(agents.agent("agent2").pauseReason()).isEqualTo("coffee");

            // The restored FIFO goes on as usual: a resume joins the tail, a logout leaves it.
            agents.resume("agent2");
            assertThat(membership.members(QUEUE)).containsExactly("agent3", "agent1", "agent2");
            assertThat(mirror.read(QUEUE)).containsExactly("agent3", "agent1", "agent2");
            EmptyQueue.of(QUEUE, agents, reconciler, membership);
        } finally {
            await().atMost(Duration.ofSeconds(60)).until(AmiProbe::fullyBooted);
            await().atMost(Duration.ofSeconds(30)).until(ami::connected);
        }
    }

    /**
     * A customer waits in the queue (nobody serves it) when Asterisk restarts: the call is gone with it,
     * and the adapter ends it: from the queue's events when they reach it before the AMI session closes
     * (a graceful restart: the caller abandons the queue), else on the reconnect
     * ({@code cut-by-asterisk-restart}); the app is told and the record closed.
     */
    @Test
    void aCallCutByAnAsteriskRestartEndsForItsAppAndItsRecord() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(ami::connected);
        EmptyQueue.of(QUEUE, agents, reconciler, membership);
        try (AppClient app = AppClient.open(port)) {
            String dial = app.askForAgent();
            AmiProbe.send(CustomerCalls.dialling(dial.substring(dial.indexOf(':') + 1, dial.indexOf('@')),
                    "restart" + System.nanoTime() % 100_000, 60));
            app.next(m -> isCall(m, "queued") && m.path("position").asInt() == 1);

            AmiProbe.command("core restart now");
            try {
                app.next(m -> isCall(m, "ended"));
                Map<String, Object> call = jdbc.queryForMap("select outcome, ended_at is not null as ended from"
                        + " voice_call where session_id = ?::uuid", app.session());
                System.out.printf("Asterisk restart: the waiting call ended as '%s'%n", call.get("outcome"));
                assertThat(call).containsEntry("ended", true);
                assertThat(call.get("outcome")).isIn("abandoned", "caller hung up", "cut-by-asterisk-restart");
            } finally {
                await().atMost(Duration.ofSeconds(60)).until(AmiProbe::fullyBooted);
                await().atMost(Duration.ofSeconds(30)).until(ami::connected);
            }
        }
    }
}
