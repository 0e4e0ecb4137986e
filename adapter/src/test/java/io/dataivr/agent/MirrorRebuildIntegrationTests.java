package io.dataivr.agent;

import io.dataivr.fixtures.EmptyQueue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.IntegrationTest;
import io.dataivr.voice.AmiGateway;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Redis loses everything (FLUSHDB, as after a restart without persistence) while agents are logged
 * in: the mirror watch notices the missing marker and rebuilds the mirror from Asterisk's members, in
 * Asterisk's order. Restarted for real, Redis also drops every connection: the agents' next changes go
 * through the reconnected ones and end up in the rebuilt mirror.
 */
@IntegrationTest
class MirrorRebuildIntegrationTests {

    private static final String QUEUE = "support";
    /** spring.data.redis.client-name in application-test.yml. */
    private static final String ADAPTER_CLIENT = "dataivr-test-adapter";

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
    @Value("${spring.data.redis.url}")
    String redisUri;

    @AfterEach
    void logOutEveryone() {
        for (int i = 1; i <= 6; i++) {
            if (agents.state("agent" + i) != AgentState.LOGGED_OUT) {
                agents.logout("agent" + i);
            }
        }
    }

    @Test
    void aFlushedRedisGetsTheMirrorBackFromAsteriskInAsterisksOrder() {
        await().atMost(Duration.ofSeconds(30)).until(ami::connected);
        EmptyQueue.of(QUEUE, agents, reconciler, membership);
        List<String> order = List.of("agent5", "agent2", "agent4", "agent1");
        order.forEach(agent -> agents.login(agent, QUEUE));
        assertThat(mirror.read(QUEUE)).containsExactlyElementsOf(order);

        RedisClient client = RedisClient.create(redisUri);
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            redis.sync().flushdb();
        } finally {
            client.shutdown();
        }
        long flushed = System.nanoTime();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> mirror.intact(QUEUE));
        System.out.printf("mirror rebuilt %d ms after FLUSHDB (check interval dataivr.agent.mirror-check-interval)%n",
                (System.nanoTime() - flushed) / 1_000_000);
        List<String> asterisk = membership.members(QUEUE);
        assertThat(asterisk).containsExactlyElementsOf(order);
        assertThat(mirror.read(QUEUE)).containsExactlyElementsOf(asterisk);
        assertThat(agents.idleAgents(QUEUE)).containsExactlyElementsOf(asterisk);
    }

    @Test
    void aRestartedRedisDropsTheConnectionsAndItsDataAndTheMirrorComesBackWithTheChangesSince() {
        await().atMost(Duration.ofSeconds(30)).until(ami::connected);
        EmptyQueue.of(QUEUE, agents, reconciler, membership);
        List.of("agent5", "agent2", "agent4", "agent1").forEach(agent -> agents.login(agent, QUEUE));

        RedisClient client = RedisClient.create(redisUri);
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            redis.sync().flushdb();
            // The adapter under test's connections only (by their client name), as a Redis restart would drop them.
            long killed = 0;
            for (String line : redis.sync().clientList().split("\n")) {
                java.util.regex.Matcher id = java.util.regex.Pattern.compile("^id=(\\d+) .* name=" + ADAPTER_CLIENT + " ")
                        .matcher(line);
                if (id.find()) {
                    killed += redis.sync().clientKill(KillArgs.Builder.id(Long.parseLong(id.group(1))));
                }
            }
            assertThat(killed).as("the adapter's connections dropped").isPositive();
        } finally {
            client.shutdown();
        }
        long dropped = System.nanoTime();
        agents.logout("agent2");
        agents.login("agent6", QUEUE);
        List<String> expected = List.of("agent5", "agent4", "agent1", "agent6");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> mirror.intact(QUEUE) && mirror.read(QUEUE).equals(expected));
        System.out.printf("mirror rebuilt with the changes since %d ms after the connections were dropped%n",
                (System.nanoTime() - dropped) / 1_000_000);
        assertThat(membership.members(QUEUE)).containsExactlyElementsOf(expected);
        assertThat(agents.idleAgents(QUEUE)).containsExactlyElementsOf(expected);
    }
}
