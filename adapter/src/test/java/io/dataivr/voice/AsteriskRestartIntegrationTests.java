package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.IntegrationTest;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.AgentState;
import io.dataivr.agent.IdleAgentMirror;
import io.dataivr.agent.QueueMembership;
import io.dataivr.fixtures.EmptyQueue;
import io.dataivr.fixtures.AmiProbe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Asterisk restarts under the adapter ({@code core restart now}: same binary, same configuration).
 * The adapter's AMI connection comes back within 5 s of Asterisk being up again and the queues are
 * reconciled: with {@code persistentmembers = no} Asterisk comes back with no members, so the agents
 * who were idle are logged out (they log in again), and the FIFO, the Redis mirror and Asterisk's
 * members agree (all empty). Asterisk is running again when the test ends.
 */
@IntegrationTest
class AsteriskRestartIntegrationTests {

    private static final String QUEUE = "support";

    @Autowired
    AgentService agents;
    @Autowired
    IdleAgentMirror mirror;
    @Autowired
    QueueMembership membership;
    @Autowired
    AmiGateway ami;

    @Test
    void afterAnAsteriskRestartAmiReconnectsWithinFiveSecondsAndTheLoggedInAgentsAreLoggedOut() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(ami::connected);
        EmptyQueue.of(QUEUE, agents, membership);
        agents.login("agent3", QUEUE);
        agents.login("agent1", QUEUE);
        assertThat(membership.members(QUEUE)).containsExactly("agent3", "agent1");

        long asked = System.nanoTime();
        AmiProbe.command("core restart now");
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10)).until(() -> !ami.connected());
            long down = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(AmiProbe::fullyBooted);
            long up = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(ami::connected);
            long reconnected = System.nanoTime();
            System.out.printf("Asterisk restart: AMI lost %d ms after 'core restart now', Asterisk up again %d ms later,"
                    + " adapter reconnected %d ms after that%n", (down - asked) / 1_000_000, (up - down) / 1_000_000,
                    (reconnected - up) / 1_000_000);
            assertThat(Duration.ofNanos(reconnected - up)).isLessThanOrEqualTo(Duration.ofSeconds(5));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(agents.state("agent3")).isEqualTo(AgentState.LOGGED_OUT);
                assertThat(agents.state("agent1")).isEqualTo(AgentState.LOGGED_OUT);
                assertThat(membership.members(QUEUE)).isEmpty();
                assertThat(agents.idleAgents(QUEUE)).isEmpty();
                assertThat(mirror.read(QUEUE)).isEmpty();
                assertThat(mirror.intact(QUEUE)).isTrue();
            });
            // Logging in again works at once on the restarted Asterisk.
            agents.login("agent1", QUEUE);
            assertThat(membership.members(QUEUE)).containsExactly("agent1");
            assertThat(mirror.read(QUEUE)).containsExactly("agent1");
            agents.logout("agent1");
        } finally {
            await().atMost(Duration.ofSeconds(60)).until(AmiProbe::fullyBooted);
            await().atMost(Duration.ofSeconds(30)).until(ami::connected);
        }
    }
}
