package io.dataivr;

import io.dataivr.fixtures.TestAmi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.fixtures.AdapterProcess;
import io.dataivr.fixtures.AsteriskAccounts;
import io.dataivr.fixtures.QueueMembers;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.fixtures.TestDatabase;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, reliability: the adapter is killed with SIGKILL while three customers talk to agents.
 * Asterisk keeps the calls; one customer hangs up while no adapter runs. The restarted adapter
 * rebuilds the idle-agent FIFO (Redis and Asterisk), the agents' states and the call-session links
 * from Asterisk within 2 s of being ready, restores a session at the menu level it was at, and closes
 * the call that ended meanwhile with its session; when the other calls end the agents go to the
 * FIFO's tail and the records are closed; a session that ended just before the kill is stored whole.
 *
 * <p>The adapter runs as its own JVM (started twice) on the test-only queue {@code race-test}, with
 * its own HTTP and FastAGI ports and Redis prefix, so it does not meet the test JVM's shared
 * context; the dialplan's DATAIVR_AGI global points at it while the test runs. Five agent phones,
 * three customer phones (baresip), the real Asterisk, PostgreSQL and Redis.
 */
class AdapterKilledDuringCallsEndToEndTests {

    private static final String QUEUE = "race-test";
    private static final String PREFIX = "dataivr-kill9:";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration REBUILD_LIMIT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The secret of each REST session this test opened, sent as its bearer token. */
    private static final Map<String, String> SESSION_SECRETS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, SipPhoneProcess> phones = new LinkedHashMap<>();
    private static final List<AdapterProcess> adapters = new ArrayList<>();
    private static Path work;
    private static ManagerConnection ami;
    private static io.dataivr.fixtures.DialplanAgi agi;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void startPhones() throws Exception {
        AsteriskAccounts.require("agent1", "agent2", "agent3", "agent4", "agent5", "customer1", "customer2",
                "customer3");
        AsteriskAccounts.requireQueue(QUEUE);
        work = Files.createTempDirectory("dataivr-kill9");
        for (int i = 1; i <= 5; i++) {
            phones.put("agent" + i, SipPhoneProcess.start("agent" + i, "127.0.0.8" + i, 600 + 100 * i, true, work));
        }
        phones.put("customer1", SipPhoneProcess.start("customer1", "127.0.0.88", 440, false, work));
        phones.put("customer2", SipPhoneProcess.start("customer2", "127.0.0.89", 480, false, work));
        phones.put("customer3", SipPhoneProcess.start("customer3", "127.0.0.90", 520, false, work));
        ami = TestAmi.factory().createManagerConnection();
        ami.login("off");
        redisClient = io.dataivr.fixtures.TestRedis.client();
        redis = redisClient.connect();
        emptyQueue();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (AdapterProcess adapter : adapters) {
            adapter.close();
        }
        phones.values().forEach(SipPhoneProcess::close);
        if (ami != null) {
            if (agi != null) {
                agi.close();
            }
            emptyQueue();
            ami.logoff();
        }
        if (redis != null) {
            redis.close();
            redisClient.shutdown();
        }
    }

    @Test
    void killedWithCallsInProgressTheRestartedAdapterRebuildsFifoAgentsAndCallsFromAsteriskAndLosesNoEndedSession()
            throws Exception {
        int agiPort = AdapterProcess.freePort();
        int httpPort = AdapterProcess.freePort();
        Path menu = work.resolve("kill9-menu.yaml");
        Files.writeString(menu, """
                menu: kill9-test
                languages: [en]
                title: {en: Reliability test}
                items:
                  - key: "1"
                    label: Balance
                    content: Your balance is 10.
                  - key: "0"
                    label: Talk to an agent
                    voice: race-test
                  - key: "2"
                    label: Plans
                    items:
                      - key: "0"
                        label: Plans agent
                        voice: race-test
                """);
        List<String> args = List.of("--dataivr.voice.agi-port=" + agiPort, "--dataivr.voice.queues=" + QUEUE,
                "--dataivr.redis.key-prefix=" + PREFIX, "--dataivr.menu.load=" + menu,
                "--dataivr.session.menu=kill9-test", "--logging.level.io.dataivr=INFO");
        AdapterProcess first = started(AdapterProcess.start(work, httpPort, args));
        first.awaitReady(Duration.ofSeconds(120), Duration.ofMillis(200));

        // Agents: agent1, agent2 and agent5 will talk, agent3 waits, agent4 is paused.
        for (String agent : List.of("agent1", "agent2", "agent5", "agent3", "agent4")) {
            post(first, "/api/v1/agents/" + agent + "/login", "{\"queue\":\"" + QUEUE + "\"}");
        }
        post(first, "/api/v1/agents/agent4/pause", "{\"reason\":\"lunch\"}");
        // Logins and pauses answer once Asterisk has carried them out.
        assertThat(QueueMembers.names(ami, QUEUE)).containsExactly("agent1", "agent2", "agent5", "agent3");

        // Two customers ask for an agent through the adapter and their app's phone dials the voice link.
        agi = io.dataivr.fixtures.DialplanAgi.pointAt(ami, agiPort);
        // customer1 asks from the sub-menu "2", so its session is at /2 when the adapter dies.
        String session1 = callThroughTheAdapter(first, "customer1", "agent1", "2", "0");
        String session2 = callThroughTheAdapter(first, "customer2", "agent2", "0");
        String session3 = callThroughTheAdapter(first, "customer3", "agent5", "0");
        int menuVersion = get(first, "/api/v1/sessions/" + session1 + "/menu").path("version").asInt();
        // The agents on a call leave the queue on the AMI event path, which nothing here waits for.
        await().atMost(WAIT).untilAsserted(() -> assertThat(QueueMembers.names(ami, QUEUE)).containsExactly("agent3"));

        // A third customer reads two answers and ends: the end is reported, then the adapter dies at once.
        String ended = post(first, "/api/v1/sessions", "{\"language\":\"en\",\"client\":\"kill9-ended\"}")
                .path("session").path("session").asText();
        post(first, "/api/v1/sessions/" + ended + "/choices", "{\"key\":\"1\"}");
        post(first, "/api/v1/sessions/" + ended + "/choices", "{\"key\":\"1\"}");
        JsonNode end = send(first, HttpRequest.newBuilder(first.uri("/api/v1/sessions/" + ended)).DELETE());
        assertThat(end.path("type").asText()).isEqualTo("ended");
        first.kill9();

        // Asterisk holds the calls: both agents' and both customers' channels are still up.
        assertThat(upChannels()).as("channels up after the kill").anyMatch(c -> c.startsWith("PJSIP/agent1-"))
                .anyMatch(c -> c.startsWith("PJSIP/agent2-")).anyMatch(c -> c.startsWith("PJSIP/customer1-"))
                .anyMatch(c -> c.startsWith("PJSIP/customer2-"));
        assertThat(phones.get("agent1").control().hasEvent("CALL_CLOSED")).isFalse();
        assertThat(phones.get("agent2").control().hasEvent("CALL_CLOSED")).isFalse();
        // customer3 hangs up while no adapter runs: nobody hears Asterisk's events about it.
        phones.get("customer3").control().hangup();
        phones.get("agent5").control().awaitEvent("CALL_CLOSED", WAIT);

        AdapterProcess second = started(AdapterProcess.start(work, httpPort, args));
        long ready = second.awaitReady(Duration.ofSeconds(120), Duration.ofMillis(20));
        long rebuilt = awaitRebuilt(second, session1, session2, ready + REBUILD_LIMIT.toNanos());
        double readyToRebuiltMs = (rebuilt - ready) / 1e6;
        double startToRebuiltMs = (rebuilt - second.startedAt()) / 1e6;
        System.out.printf("kill -9 restart: adapter ready -> FIFO, agents and calls rebuilt (as the test sees it): "
                + "%.0f ms (JVM start -> ready %.0f ms, JVM start -> rebuilt %.0f ms); in the adapter's log, AMI "
                + "connected -> FIFO rebuilt: %d ms; %s%n", readyToRebuiltMs, (ready - second.startedAt()) / 1e6,
                startToRebuiltMs, Duration.between(logged(second, "AMI connected to"),
                        logged(second, "idle-agent FIFO of queue " + QUEUE + " rebuilt")).toMillis(),
                second.logLines().stream().filter(l -> l.contains("calls in progress read from Asterisk"))
                        .map(l -> l.substring(l.indexOf("calls in progress"))).findFirst().orElse("?"));
        assertThat(readyToRebuiltMs).as("ready -> rebuilt (ms)").isLessThanOrEqualTo(REBUILD_LIMIT.toMillis());

        // customer1's restored session is where it was: the sub-menu /2 of the version it ran on.
        JsonNode level = get(second, "/api/v1/sessions/" + session1 + "/menu");
        assertThat(level.path("path").toString()).isEqualTo("[\"2\"]");
        assertThat(level.path("version").asInt()).isEqualTo(menuVersion);

        // The call that ended while no adapter ran is closed, its session ended with its record.
        try (Connection db = TestDatabase.connect()) {
            assertThat(row(db, "select outcome, ended_at is not null as ended from voice_call"
                    + " where session_id = ?::uuid", session3)).containsEntry("outcome", "ended-while-adapter-down")
                    .containsEntry("ended", true);
            assertThat(row(db, "select c.end_reason, e.reason, e.items_chosen, e.voice_calls from consultation_session c"
                    + " join session_end_record e on e.session_id = c.id where c.id = ?::uuid", session3))
                    .containsEntry("end_reason", "ended-while-adapter-down")
                    .containsEntry("reason", "ended-while-adapter-down").containsEntry("items_chosen", 1)
                    .containsEntry("voice_calls", 1);
        }

        // The calls end normally: each agent goes to the tail, the records are closed.
        phones.get("agent1").control().hangup();
        await().atMost(WAIT).untilAsserted(() -> assertFifo(second, "agent3", "agent5", "agent1"));
        phones.get("customer2").control().hangup();
        await().atMost(WAIT).untilAsserted(() -> assertFifo(second, "agent3", "agent5", "agent1", "agent2"));
        assertThat(state(second, "agent1")).isEqualTo("IDLE");
        assertThat(state(second, "agent2")).isEqualTo("IDLE");
        assertThat(state(second, "agent4")).isEqualTo("PAUSED");
        assertThat(state(second, "agent5")).isEqualTo("IDLE");
        try (Connection db = TestDatabase.connect()) {
            await().atMost(WAIT).untilAsserted(() -> {
                for (String session : List.of(session1, session2)) {
                    assertThat(row(db, "select outcome, ended_at is not null as ended, answered_at is not null"
                            + " as answered from voice_call where session_id = ?::uuid", session))
                            .as("voice_call of %s", session).containsEntry("ended", true)
                            .containsEntry("answered", true);
                    assertThat(row(db, "select c.ended_at is not null as ended, e.reason, e.voice_calls"
                            + " from consultation_session c join session_end_record e on e.session_id = c.id"
                            + " where c.id = ?::uuid", session)).as("session %s", session)
                            .containsEntry("ended", true).containsEntry("reason", "call-ended-after-restart")
                            .containsEntry("voice_calls", 1);
                }
            });
            assertThat(row(db, "select outcome from voice_call where session_id = ?::uuid", session1))
                    .containsEntry("outcome", "completed by agent");
            assertThat(row(db, "select outcome from voice_call where session_id = ?::uuid", session2))
                    .containsEntry("outcome", "completed by caller");

            // The session that ended just before the kill is all there.
            assertThat(row(db, "select c.ended_at is not null as ended, e.reason, e.items_chosen, e.contents_sent,"
                    + " e.voice_calls from consultation_session c join session_end_record e on e.session_id = c.id"
                    + " where c.id = ?::uuid", ended)).containsEntry("ended", true).containsEntry("reason", "customer")
                    .containsEntry("items_chosen", 2).containsEntry("contents_sent", 2).containsEntry("voice_calls", 0);
            assertThat(row(db, "select count(*) as items, string_agg(item_path, ',' order by seq) as paths"
                    + " from service_item_log where session_id = ?::uuid", ended))
                    .containsEntry("items", 2L).containsEntry("paths", "1,1");
            assertThat(row(db, "select count(*) as deliveries from content_delivery_log where session_id = ?::uuid",
                    ended)).containsEntry("deliveries", 2L);
        }
    }

    /** When the adapter first logged a line containing {@code text} (lines start with an ISO timestamp). */
    private static java.time.Instant logged(AdapterProcess adapter, String text) throws Exception {
        String line = adapter.logLines().stream().filter(l -> l.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("the adapter never logged \"" + text + "\""));
        return java.time.OffsetDateTime.parse(line.substring(0, line.indexOf(' '))).toInstant();
    }

    /** Polls as fast as it reasonably can until everything is rebuilt; returns System.nanoTime() then. */
    private static long awaitRebuilt(AdapterProcess adapter, String session1, String session2, long deadline)
            throws Exception {
        AssertionError last = null;
        do {
            try {
                // agent5's call ended while the adapter was away: it is at the tail
                assertFifo(adapter, "agent3", "agent5");
                assertThat(state(adapter, "agent1")).as("agent1").isEqualTo("TALKING");
                assertThat(state(adapter, "agent2")).as("agent2").isEqualTo("TALKING");
                JsonNode agent4 = get(adapter, "/api/v1/agents/agent4");
                assertThat(agent4.path("state").asText() + ":" + agent4.path("pauseReason").asText())
                        .isEqualTo("PAUSED:lunch");
                assertThat(get(adapter, "/api/v1/agents/agent1/screen").path("caller").path("session").asText())
                        .as("agent1's call is linked to its session").isEqualTo(session1);
                assertThat(get(adapter, "/api/v1/agents/agent2/screen").path("caller").path("call").asText())
                        .isEqualTo("talking");
                assertThat(get(adapter, "/api/v1/agents/agent2/screen").path("caller").path("session").asText())
                        .as("agent2's call is linked to its session").isEqualTo(session2);
                return System.nanoTime();
            } catch (AssertionError e) {
                last = e;
                Thread.sleep(10); // polling against a deadline measured in milliseconds
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not rebuilt within " + REBUILD_LIMIT + " of the adapter being ready; adapter log:\n"
                + adapter.tail(40), last);
    }

    /** The customer's session chooses {@code keys} (the last a voice item) and its phone dials the voice link. */
    private static String callThroughTheAdapter(AdapterProcess adapter, String customer, String agent, String... keys)
            throws Exception {
        String session = post(adapter, "/api/v1/sessions", "{\"language\":\"en\",\"client\":\"kill9-" + customer + "\"}")
                .path("session").path("session").asText();
        JsonNode voice = null;
        for (String key : keys) {
            voice = post(adapter, "/api/v1/sessions/" + session + "/choices", "{\"key\":\"" + key + "\"}");
        }
        assertThat(voice.path("type").asText()).isEqualTo("voice");
        phones.get(customer).control().dial(voice.path("dial").asText());
        phones.get(agent).control().awaitEvent("CALL_ESTABLISHED", WAIT);
        await().atMost(WAIT).until(() -> "TALKING".equals(state(adapter, agent)));
        return session;
    }

    private static void assertFifo(AdapterProcess adapter, String... expected) throws Exception {
        assertThat(redis.sync().lrange(PREFIX + "idle:" + QUEUE, 0, -1)).as("FIFO in Redis").containsExactly(expected);
        assertThat(QueueMembers.names(ami, QUEUE)).as("Asterisk's members").containsExactly(expected);
        List<String> idle = new ArrayList<>();
        get(adapter, "/api/v1/queues/" + QUEUE + "/idle-agents").path("idle").forEach(n -> idle.add(n.asText()));
        assertThat(idle).as("the adapter's FIFO").containsExactly(expected);
    }

    private static String state(AdapterProcess adapter, String agent) throws Exception {
        return get(adapter, "/api/v1/agents/" + agent).path("state").asText();
    }

    private static List<String> upChannels() throws Exception {
        List<String> up = new ArrayList<>();
        for (ManagerEvent event : ami.sendEventGeneratingAction(new CoreShowChannelsAction(), 5_000).getEvents()) {
            if (event instanceof CoreShowChannelEvent channel && Integer.valueOf(6).equals(channel.getChannelState())) {
                up.add(channel.getChannel());
            }
        }
        return up;
    }

    /** Every test agent and leftover race agent out of the queue, the adapter's Redis keys gone. */
    private static void emptyQueue() throws Exception {
        QueueMembers.removeAll(ami, QUEUE);
        List<String> keys = redis.sync().keys(PREFIX + "*");
        if (!keys.isEmpty()) {
            redis.sync().del(keys.toArray(String[]::new));
        }
        TestDatabase.forgetAgentsOf(QUEUE); // a fresh adapter would restore the last run's agents
    }

    private static AdapterProcess started(AdapterProcess adapter) {
        adapters.add(adapter);
        return adapter;
    }

    private static JsonNode get(AdapterProcess adapter, String path) throws Exception {
        return send(adapter, HttpRequest.newBuilder(adapter.uri(path)).GET());
    }

    private static JsonNode post(AdapterProcess adapter, String path, String body) throws Exception {
        return send(adapter, HttpRequest.newBuilder(adapter.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode send(AdapterProcess adapter, HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.copy().build();
        if (built.uri().getPath().startsWith("/api/v1/agents") || built.uri().getPath().startsWith("/api/v1/queues")) {
            request.header("Authorization",
                    io.dataivr.fixtures.AgentCredentials.basic(io.dataivr.fixtures.AgentCredentials.ADMIN,
                            io.dataivr.fixtures.AgentCredentials.ADMIN_PASSWORD));
        }
        String[] segments = built.uri().getPath().split("/");
        if (segments.length > 4 && SESSION_SECRETS.containsKey(segments[4])) {
            request.header("Authorization", "Bearer " + SESSION_SECRETS.get(segments[4])); // the session's own secret
        }
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new AssertionError(response.request().method() + " " + response.uri() + " -> "
                    + response.statusCode() + " " + response.body());
        }
        JsonNode answer = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (built.uri().getPath().equals("/api/v1/sessions") && answer.has("secret")) {
            SESSION_SECRETS.put(answer.path("session").path("session").asText(), answer.path("secret").asText());
        }
        return answer;
    }

    private static Map<String, Object> row(Connection db, String sql, String id) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).as("a row for %s: %s", id, sql).isTrue();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                return row;
            }
        }
    }
}
