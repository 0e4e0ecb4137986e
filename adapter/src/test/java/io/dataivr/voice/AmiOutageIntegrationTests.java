package io.dataivr.voice;

import io.dataivr.fixtures.TestAmi;
import static io.dataivr.fixtures.AppClient.isCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.IntegrationTest;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.FifoReconciler;
import io.dataivr.agent.QueueMembership;
import io.dataivr.fixtures.AppClient;
import io.dataivr.fixtures.CustomerCalls;
import io.dataivr.fixtures.EmptyQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.response.CommandResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The adapter's AMI connection drops (Asterisk kicks its sessions: {@code manager kick session}) and a
 * waiting customer hangs up before the adapter is back, so no event of that hang-up ever reaches it.
 * On the reconnect the adapter reads Asterisk's channels and ends the call it can no longer find: the
 * app is told the call ended, the call record is closed ({@code ended-while-ami-down}), and the customer
 * still waiting moves up and is told so; that call goes on and ends normally. Nobody serves the queue, so
 * both callers wait; the callers are Local channels dialling the apps' voice links.
 */
@IntegrationTest
class AmiOutageIntegrationTests {

    private static final String QUEUE = "support";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    AgentService agents;
    @Autowired
    FifoReconciler reconciler;
    @Autowired
    QueueMembership membership;
    @Autowired
    AmiGateway gateway;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCallThatEndsWhileTheAdapterIsCutOffFromAsteriskIsEndedOnTheReconnectAndTheOtherGoesOn() throws Exception {
        await().atMost(WAIT).until(gateway::connected);
        EmptyQueue.of(QUEUE, agents, reconciler, membership);
        ManagerConnection ami = TestAmi.factory()
                .createManagerConnection();
        ami.login("off");
        try (AppClient gone = AppClient.open(port); AppClient stays = AppClient.open(port)) {
            String goneCall = dial(ami, gone.askForAgent());
            gone.next(m -> isCall(m, "queued") && m.path("position").asInt() == 1);
            dial(ami, stays.askForAgent());
            stays.next(m -> isCall(m, "queued") && m.path("position").asInt() == 2);

            long cut = System.nanoTime();
            List<String> kicked = kickTheAdaptersSessions(ami);
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(1)).until(() -> !gateway.connected());
            ManagerResponse hangup = ami.sendAction(new HangupAction(goneCall), 5_000);
            long hungUp = System.nanoTime();
            assertThat(hangup.getResponse()).isEqualTo("Success");
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(gateway::connected);
            long back = System.nanoTime();
            System.out.printf("AMI outage: %d adapter sessions kicked; the caller hung up %d ms after, the adapter was"
                    + " back %d ms after that%n", kicked.size(), (hungUp - cut) / 1_000_000, (back - hungUp) / 1_000_000);
            assertThat(kicked).as("the adapter's AMI sessions (events and actions)").hasSizeGreaterThanOrEqualTo(2);

            gone.next(m -> isCall(m, "ended"));
            stays.next(m -> isCall(m, "queued") && m.path("position").asInt() == 1);
            assertThat(call(gone.session())).containsEntry("outcome", "ended-while-ami-down")
                    .containsEntry("ended", true);
            assertThat(call(stays.session())).containsEntry("ended", false);
            assertThat(callersWaiting(ami)).isEqualTo(1);

            // The call that went on through the outage is still followed: the app hangs up, and it ends as usual.
            stays.client().hangup();
            stays.next(m -> isCall(m, "ended"));
            await().atMost(WAIT).until(() -> call(stays.session()).get("ended").equals(true));
            assertThat(call(stays.session()).get("outcome")).isNotEqualTo("ended-while-ami-down");
            await().atMost(WAIT).until(() -> callersWaiting(ami) == 0);
        } finally {
            ami.sendAction(new HangupAction("/^Local\\/vr-.*/"), 5_000);
            ami.logoff();
        }
    }

    /** A Local channel dials the voice link of {@code dialUri} (sip:vr-…@host); returns its caller's Uniqueid. */
    private static String dial(ManagerConnection ami, String dialUri) throws Exception {
        String link = dialUri.substring(dialUri.indexOf(':') + 1, dialUri.indexOf('@'));
        String id = "out" + UUID.randomUUID().toString().substring(0, 8);
        ami.sendAction(CustomerCalls.dialling(link, id, 60), 5_000);
        return id + "-b";
    }

    /**
     * Kicks the AMI sessions of the adapter under test (its own AMI user, TestAmi.ADAPTER_USER: no other
     * client's); returns their descriptors.
     */
    private static List<String> kickTheAdaptersSessions(ManagerConnection ami) throws Exception {
        CommandResponse list = (CommandResponse) ami.sendAction(new CommandAction("manager show connected"), 5_000);
        List<String> descriptors = new ArrayList<>();
        for (String line : list.getResult()) {
            String[] columns = line.trim().split("\\s+");
            // Username, IP address, start (epoch seconds), elapsed, file descriptor, ...
            if (columns.length >= 5 && columns[0].equals(TestAmi.ADAPTER_USER)) {
                descriptors.add(columns[4]);
            }
        }
        for (String descriptor : descriptors) {
            ami.sendAction(new CommandAction("manager kick session " + descriptor), 5_000);
        }
        return descriptors;
    }

    private Map<String, Object> call(String session) {
        return jdbc.queryForMap("select outcome, ended_at is not null as ended from voice_call where session_id = ?::uuid",
                session);
    }

    private static int callersWaiting(ManagerConnection ami) throws Exception {
        QueueStatusAction status = new QueueStatusAction();
        status.setQueue(QUEUE);
        ResponseEvents response = ami.sendEventGeneratingAction(status, 5_000);
        return (int) response.getEvents().stream().filter(e -> e instanceof QueueEntryEvent).count();
    }
}
