package io.dataivr.voice;

import static io.dataivr.fixtures.AppClient.isCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.IntegrationTest;
import io.dataivr.agent.AgentState;
import io.dataivr.fixtures.AppClient;
import io.dataivr.fixtures.AsteriskCli;
import io.dataivr.fixtures.PhonesOnQueue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A telecom admin reloads Asterisk while customers talk to agents and wait for them (DESIGN.md: the
 * adapter must survive {@code dialplan reload} and {@code module reload}). After each reload the
 * idle-agent FIFO is the same in the adapter, in Asterisk's queue and in the Redis mirror, the calls
 * in progress go on, the waiting caller keeps its place and is served next, and every agent goes back
 * to the tail of the FIFO when its call ends.
 */
@IntegrationTest
class AsteriskReloadIntegrationTests {

    private static final String QUEUE = "support";
    private static final Duration WAIT = PhonesOnQueue.WAIT;
    private static final List<String> RELOADS = List.of("dialplan reload", "queue reload all", "module reload");

    @RegisterExtension
    static final PhonesOnQueue phones = PhonesOnQueue.on(QUEUE, "dataivr-reload")
            .agentPhone("agent4", "127.0.0.34", 1100)
            .agentPhone("agent5", "127.0.0.35", 1200)
            .customerPhone("customer1", "127.0.0.41", 450)
            .customerPhone("customer2", "127.0.0.42", 460)
            .customerPhone("customer3", "127.0.0.43", 470);

    @LocalServerPort
    int port;

    @Test
    void reloadsInTheMiddleOfCallsAndWaitingCallersLeaveTheFifoAsteriskRedisAndTheAdapterInAgreement()
            throws Exception {
        phones.onlyAgentLoggedIn("agent4");
        phones.agents().login("agent5", QUEUE);
        phones.awaitIdle("agent4", "agent5");

        try (AppClient a = AppClient.open(port); AppClient b = AppClient.open(port); AppClient c = AppClient.open(port);
                AsteriskCli cli = new AsteriskCli()) {
            // A talks to the FIFO's head; agent5 stays idle through the first reloads.
            phones.phone("customer1").control().dial(a.askForAgent());
            phones.awaitTalking("agent4");
            phones.awaitIdle("agent5");
            reload(cli);
            phones.awaitIdle("agent5");
            assertThat(phones.agents().state("agent4")).isEqualTo(AgentState.TALKING);

            // B takes agent5; C finds nobody idle and waits.
            phones.phone("customer2").control().dial(b.askForAgent());
            phones.awaitTalking("agent5");
            phones.phone("customer3").control().dial(c.askForAgent());
            c.next(m -> isCall(m, "queued") && m.path("position").asInt() == 1);
            phones.awaitIdle();
            reload(cli);
            phones.awaitIdle();
            assertThat(phones.agents().state("agent4")).isEqualTo(AgentState.TALKING);
            assertThat(phones.agents().state("agent5")).isEqualTo(AgentState.TALKING);
            assertThat(callersWaiting(cli)).as("callers waiting in Asterisk after the reloads").isEqualTo(1);

            // The calls that lived through the reloads end as usual: the agents go to the FIFO's tail,
            // and the caller who waited is served by the first agent freed.
            phones.phone("agent4").control().hangup();
            a.next(m -> isCall(m, "ended"));
            c.next(m -> isCall(m, "talking") && m.path("agent").asText().equals("agent4"));
            b.client().hangup();
            b.next(m -> isCall(m, "ended"));
            phones.awaitIdle("agent5");
            c.client().hangup();
            c.next(m -> isCall(m, "ended"));
            phones.awaitIdle("agent5", "agent4");
            assertThat(callersWaiting(cli)).isZero();
        }
    }

    private static void reload(AsteriskCli cli) throws Exception {
        for (String command : RELOADS) {
            cli.run(command);
        }
    }

    private static long callersWaiting(AsteriskCli cli) throws Exception {
        return cli.run("queue show " + QUEUE).stream().filter(line -> line.strip().matches("\\d+\\. .*wait:.*")).count();
    }
}
