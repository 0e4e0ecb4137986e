package io.dataivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.FifoReconciler;
import io.dataivr.agent.IdleAgentMirror;
import io.dataivr.agent.QueueMembership;
import io.dataivr.fixtures.AgentCredentials;
import io.dataivr.fixtures.AsteriskCli;
import io.dataivr.fixtures.JsonSocket;
import io.dataivr.fixtures.PacketCapture;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.fixtures.ToneAnalyzer;
import io.dataivr.store.pg.PjsipRealtimeProperties;
import io.dataivr.voice.AmiGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue 4, the customer's side of the voice channel, on real Asterisk, PostgreSQL, Redis and
 * baresip phones (two customer devices, three agent desk phones): each device gets its own SIP
 * account in PJSIP realtime, revoked when the session ends; media goes phone to phone when both
 * sides allow it (claim 3) and through Asterisk when they do not; and what the customer browses
 * during the call reaches the agent's screen (claims 4-5).
 */
@IntegrationTest
class CustomerDeviceEndToEndTests {

    private static final String QUEUE = "support";
    private static final String DEVICE_A = "127.0.0.71";
    private static final String DEVICE_B = "127.0.0.72";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<SipPhoneProcess> phones = new ArrayList<>();
    private static Map<String, SipPhoneProcess> agents;
    private static Map<String, String> agentAddress;
    private static Path work;

    @LocalServerPort
    int port;
    @Autowired
    AgentService agentService;
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
    @Autowired
    PjsipRealtimeProperties realtimeProperties;

    private JdbcTemplate realtime;
    private AsteriskCli cli;
    private final List<AutoCloseable> perTest = new ArrayList<>();

    @BeforeAll
    static void startAgentPhones() throws Exception {
        asteriskReadsDeviceAccountsFromPostgres();
        work = Files.createTempDirectory("dataivr-device-e2e");
        agentAddress = Map.of("agent1", "127.0.0.61", "agent2", "127.0.0.62", "agent3", "127.0.0.63");
        agents = Map.of(
                "agent1", started(SipPhoneProcess.start("agent1", agentAddress.get("agent1"), 700, true, work)),
                "agent2", started(SipPhoneProcess.start("agent2", agentAddress.get("agent2"), 1000, true, work)),
                "agent3", started(SipPhoneProcess.start("agent3", agentAddress.get("agent3"), 1300, true, work)));
    }

    /**
     * The Asterisk under test is shared by every checkout on the machine, and another checkout's
     * {@code ./dataivr} may have replaced its configuration with one that has no PJSIP realtime
     * (sorcery.conf, extconfig.conf, res_pgsql.conf). Then this checkout's configuration is applied
     * again with the project's own script.
     */
    private static void asteriskReadsDeviceAccountsFromPostgres() throws Exception {
        try (AsteriskCli cli = new AsteriskCli()) {
            if (String.join("\n", cli.run("core show config mappings")).contains("ps_endpoints")) {
                return;
            }
        }
        Path home = Path.of(System.getenv().getOrDefault("DATAIVR_HOME", ".."));
        Process infra = new ProcessBuilder(home.resolve("dataivr").toString(), "infra").inheritIO().start();
        assertThat(infra.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) && infra.exitValue() == 0)
                .as("./dataivr infra re-applied this checkout's Asterisk configuration").isTrue();
        try (AsteriskCli cli = new AsteriskCli()) {
            assertThat(String.join("\n", cli.run("core show config mappings"))).contains("ps_endpoints");
        }
    }

    private static SipPhoneProcess started(SipPhoneProcess phone) {
        phones.add(phone);
        return phone;
    }

    @AfterAll
    static void stopPhones() {
        phones.forEach(SipPhoneProcess::close);
    }

    @BeforeEach
    void agentsIdleInTheOrderAgent2Agent1Agent3() throws Exception {
        realtime = new JdbcTemplate(new DriverManagerDataSource(realtimeProperties.url(),
                realtimeProperties.username(), realtimeProperties.password()));
        await().atMost(Duration.ofSeconds(20)).until(ami::connected);
        cli = new AsteriskCli();
        for (String agent : List.of("agent1", "agent2", "agent3")) {
            membership.remove(QUEUE, agent);
        }
        reconciler.rebuild(QUEUE);
        agentService.login("agent2", QUEUE);
        agentService.login("agent1", QUEUE);
        agentService.login("agent3", QUEUE);
        assertThat(mirror.read(QUEUE)).containsExactly("agent2", "agent1", "agent3");
    }

    @AfterEach
    void closeWhatTheTestOpened() throws Exception {
        for (SipPhoneProcess agent : agents.values()) {
            if (agent.control().eventCount("CALL_ESTABLISHED") > agent.control().eventCount("CALL_CLOSED")) {
                agent.control().hangup(); // a failed test may leave a call up
            }
        }
        for (AutoCloseable each : perTest) {
            each.close();
        }
        cli.close();
    }

    @Test
    void aDeviceGetsItsOwnAccountTalksPhoneToPhoneAndWhatItBrowsesMeanwhileReachesTheAgentsScreen()
            throws Exception {
        JsonSocket screen = opened(JsonSocket.open("ws://127.0.0.1:" + port + "/ws/v1/agent?agent=agent2",
                AgentCredentials.basic("agent2")));
        assertThat(screen.awaitType("screen", TIMEOUT).path("state").asText()).isEqualTo("no-call");

        String client = "device-a-" + UUID.randomUUID();
        JsonSocket app = opened(JsonSocket.open("ws://127.0.0.1:" + port + "/ws/v1/consultation"));
        app.send("{\"type\":\"consult\",\"language\":\"en\",\"client\":\"" + client + "\"}");
        String sessionId = app.awaitType("session", TIMEOUT).path("session").asText();
        app.send("{\"type\":\"choose\",\"key\":\"2\"}");
        app.await(m -> m.path("type").asText().equals("menu") && m.path("path").size() == 1, TIMEOUT);
        app.send("{\"type\":\"back\"}");
        await().atMost(TIMEOUT).until(() -> app.received().stream()
                .filter(m -> m.path("type").asText().equals("menu")).count() == 3);
        app.send("{\"type\":\"choose\",\"key\":\"0\"}");
        JsonNode voice = app.awaitType("voice", TIMEOUT);

        // Item 3: the voice message carries the device's own SIP account, live in PJSIP realtime.
        JsonNode sip = voice.path("sip");
        String username = sip.path("username").asText();
        assertThat(username).startsWith("dev-");
        assertThat(sip.path("password").asText()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(sip.path("domain").asText()).isEqualTo("127.0.0.1");
        assertThat(realtime.queryForObject("select count(*) from ps_endpoints e join ps_auths a using (id) "
                + "join ps_aors o using (id) where id = ?", Integer.class, username)).isEqualTo(1);
        SipPhoneProcess device = perTest(SipPhoneProcess.start(username, sip.path("password").asText(), DEVICE_A,
                440, false, work));

        // Step 6: the device dials; the FIFO head (agent2) answers.
        int agentCalls = agents.get("agent2").control().eventCount("CALL_ESTABLISHED");
        device.control().dial(voice.path("dial").asText());
        awaitNext(agents.get("agent2"), "CALL_ESTABLISHED", agentCalls);
        device.control().awaitEvent("CALL_ESTABLISHED", TIMEOUT);
        app.await(m -> m.path("type").asText().equals("call") && m.path("state").asText().equals("talking"),
                TIMEOUT);
        JsonNode ringing = screen.await(m -> m.path("state").asText().equals("talking"), TIMEOUT);
        assertThat(ringing.path("caller").path("session").asText()).isEqualTo(sessionId);
        assertThat(ringing.path("caller").path("client").asText()).isEqualTo(client);
        assertThat(ringing.path("caller").path("language").asText()).isEqualTo("en");
        assertThat(items(ringing)).containsExactly("2", "0");

        // Claims 4-5: the customer reads an answer while talking; the agent's screen follows at once.
        app.send("{\"type\":\"choose\",\"key\":\"1\"}");
        assertThat(app.awaitType("content", TIMEOUT).path("text").asText()).startsWith("Your balance");
        JsonNode browsing = screen.awaitLatestOfType("screen", m -> items(m).contains("1"), TIMEOUT);
        assertThat(browsing.path("caller").path("viewing").path("kind").asText()).isEqualTo("content");
        assertThat(browsing.path("caller").path("viewing").path("labels").get(0).asText()).isEqualTo("Balance");
        assertThat(browsing.path("caller").path("path").get(2).path("duringCall").asBoolean()).isTrue();
        JsonNode rest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.net.http.HttpClient
                .newHttpClient().send(AgentCredentials.request(java.net.URI.create("http://127.0.0.1:" + port
                        + "/api/v1/agents/agent2/screen"), "agent2").build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        assertThat(items(rest)).containsExactly("2", "0", "1");

        // Claim 3: Asterisk bridged natively and is out of the media path; RTP goes phone to phone.
        String agentIp = agentAddress.get("agent2");
        await().atMost(TIMEOUT).until(() -> bridgeTechnologies().contains("native_rtp"));
        PacketCapture capture = PacketCapture.start(work);
        long from = System.nanoTime();
        // Until both directions carried over a second of audio (50 packets a second), at most 10 s.
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() ->
                capture.count(PacketCapture.PHONE_TO_PHONE, DEVICE_A) > 60
                        && capture.count(PacketCapture.PHONE_TO_PHONE, agentIp) > 60);
        capture.stop();
        System.out.printf("claim 3, direct media: RTP packets in %d ms: %s%n", (System.nanoTime() - from) / 1_000_000,
                capture.counts());
        // The phones send RTP to each other's addresses (the ones Asterisk's re-INVITEs gave them)...
        assertThat(capture.count(PacketCapture.PHONE_TO_PHONE, DEVICE_A)).as("agent -> device").isGreaterThan(60);
        assertThat(capture.count(PacketCapture.PHONE_TO_PHONE, agentIp)).as("device -> agent").isGreaterThan(60);
        // ...and none to Asterisk (RTCP, a packet every few seconds, may still be exchanged with it).
        assertThat(capture.count(PacketCapture.PHONE_TO_ASTERISK) + capture.count(PacketCapture.ASTERISK_TO_PHONE))
                .as("via Asterisk").isLessThanOrEqualTo(4);

        awaitHeardSeconds(2, device, agents.get("agent2"));
        device.control().hangup();
        device.control().awaitEvent("CALL_CLOSED", TIMEOUT);
        app.await(m -> m.path("type").asText().equals("call") && m.path("state").asText().equals("ended"), TIMEOUT);
        await().atMost(TIMEOUT).until(() -> mirror.read(QUEUE).contains("agent2"));
        screen.awaitLatestOfType("screen", m -> m.path("state").asText().equals("no-call"), TIMEOUT);
        assertHeard(device, agents.get("agent2").tone());
        assertHeard(agents.get("agent2"), device.tone());

        // The call record, the agent and the session point to each other; browsing during the call is logged so.
        // (session records are written behind, in order: wait for them)
        await().atMost(TIMEOUT).untilAsserted(() -> {
            Map<String, Object> call = jdbc.queryForMap(
                    "select id, agent, sip_account, caller_channel_id from voice_call where session_id = ?::uuid",
                    sessionId);
            assertThat(call).containsEntry("agent", "agent2").containsEntry("sip_account", username)
                    .containsEntry("id", voice.path("request").asText());
            assertThat(jdbc.queryForList("select item_path || ':' || during_call from service_item_log "
                    + "where session_id = ?::uuid order by seq", String.class, sessionId))
                    .containsExactly("2:false", "0:false", "1:true");
        });

        // Ending the session revokes the account: Asterisk no longer knows it, and its calls are refused.
        app.send("{\"type\":\"end\"}");
        app.awaitType("ended", TIMEOUT);
        assertThat(realtime.queryForObject("select count(*) from ps_endpoints where id = ?", Integer.class, username))
                .isZero();
        assertThat(realtime.queryForObject("select revoked_at is not null from sip_device_account where username = ?",
                Boolean.class, username)).isTrue();
        assertThat(String.join("\n", cli.run("pjsip show endpoint " + username))).contains("Unable to find");
        int closedBefore = device.control().eventCount("CALL_CLOSED");
        int agentEventsBefore = agents.values().stream().mapToInt(a -> a.control().events().size()).sum();
        device.control().dial("sip:q-support@127.0.0.1:5060");
        JsonNode refused = awaitNext(device, "CALL_CLOSED", closedBefore);
        System.out.printf("call from a revoked device: %s%n", refused.path("param").asText());
        assertThat(device.control().eventCount("CALL_ESTABLISHED")).isEqualTo(1);
        assertThat(agents.values().stream().mapToInt(a -> a.control().events().size()).sum())
                .as("agent phone events").isEqualTo(agentEventsBefore);
    }

    @Test
    void whenDirectMediaIsImpossibleTheCallStillWorksThroughAsterisk() throws Exception {
        JsonSocket app = opened(JsonSocket.open("ws://127.0.0.1:" + port + "/ws/v1/consultation"));
        app.send("{\"type\":\"consult\",\"language\":\"en\",\"client\":\"device-b\"}");
        app.awaitType("session", TIMEOUT);
        app.send("{\"type\":\"choose\",\"key\":\"0\"}");
        JsonNode voice = app.awaitType("voice", TIMEOUT);
        String username = voice.path("sip").path("username").asText();
        // An admin turns direct media off for this device (as for one behind NAT or encrypting).
        realtime.update("update ps_endpoints set direct_media = 'no' where id = ?", username);
        // As asterisk-config/README.md asks of an admin who edits a device's row: expire its cached endpoint (a
        // pooled account's endpoint may be in Asterisk's memory cache already, e.g. read by an earlier qualify).
        cli.run("sorcery memory cache expire dataivr-endpoint " + username);
        SipPhoneProcess device = perTest(SipPhoneProcess.start(username,
                voice.path("sip").path("password").asText(), DEVICE_B, 523, false, work));

        SipPhoneProcess agent = agents.get("agent2");
        int agentCalls = agent.control().eventCount("CALL_ESTABLISHED");
        device.control().dial(voice.path("dial").asText());
        awaitNext(agent, "CALL_ESTABLISHED", agentCalls);
        device.control().awaitEvent("CALL_ESTABLISHED", TIMEOUT);
        // (Asterisk may still bridge them as native_rtp, but "locally": its RTP engine relays the packets.)
        await().atMost(TIMEOUT).until(() -> bridgeTechnologies().contains("basic"));

        PacketCapture capture = PacketCapture.start(work);
        long from = System.nanoTime();
        // Until both phones' media through Asterisk carried over a second of audio each way, at most 10 s.
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() ->
                capture.count(PacketCapture.PHONE_TO_ASTERISK) > 120 && capture.count(PacketCapture.ASTERISK_TO_PHONE) > 120);
        capture.stop();
        System.out.printf("claim 3, direct media impossible: RTP packets in %d ms: %s%n",
                (System.nanoTime() - from) / 1_000_000, capture.counts());
        assertThat(capture.count(PacketCapture.PHONE_TO_ASTERISK)).as("phones -> Asterisk").isGreaterThan(120);
        assertThat(capture.count(PacketCapture.ASTERISK_TO_PHONE)).as("Asterisk -> phones").isGreaterThan(120);
        assertThat(capture.count(PacketCapture.PHONE_TO_PHONE)).as("phone to phone").isZero();

        awaitHeardSeconds(2, device, agent);
        int agentClosed = agent.control().eventCount("CALL_CLOSED");
        agent.control().hangup();
        device.control().awaitEvent("CALL_CLOSED", TIMEOUT);
        awaitNext(agent, "CALL_CLOSED", agentClosed);
        await().atMost(TIMEOUT).until(() -> mirror.read(QUEUE).contains("agent2"));
        assertHeard(device, agent.tone());
        assertHeard(agent, device.tone());
        app.send("{\"type\":\"end\"}");
        app.awaitType("ended", TIMEOUT);
        assertThat(realtime.queryForObject("select count(*) from ps_endpoints where id = ?", Integer.class, username))
                .isZero();
    }

    /** Waits for the phone's next event of {@code type}, after the {@code before} it had already seen. */
    private static JsonNode awaitNext(SipPhoneProcess phone, String type, int before) throws InterruptedException {
        phone.control().awaitEvent(e -> phone.control().eventCount(type) > before, TIMEOUT);
        List<JsonNode> ofType = phone.control().events().stream()
                .filter(e -> type.equals(e.path("type").asText())).toList();
        return ofType.get(ofType.size() - 1);
    }

    private SipPhoneProcess perTest(SipPhoneProcess phone) {
        perTest.add(phone);
        return phone;
    }

    private JsonSocket opened(JsonSocket socket) {
        perTest.add(socket);
        return socket;
    }

    private String bridgeTechnologies() throws Exception {
        return String.join("\n", cli.run("bridge show all"));
    }

    private static List<String> items(JsonNode screen) {
        List<String> items = new ArrayList<>();
        screen.path("caller").path("path").forEach(step -> items.add(step.path("item").asText()));
        return items;
    }

    /** Until each phone has recorded over {@code seconds} of its call (assertHeard wants 1.5 s). */
    private static void awaitHeardSeconds(double seconds, SipPhoneProcess... phones) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (SipPhoneProcess phone : phones) {
                if (phone.receivedSeconds() <= seconds) {
                    return false;
                }
            }
            return true;
        });
    }

    private static void assertHeard(SipPhoneProcess listener, int expectedHz) throws Exception {
        Path wav = listener.lastReceivedAudio()
                .orElseThrow(() -> new AssertionError(listener.user() + " recorded no audio"));
        ToneAnalyzer.Recording recording = ToneAnalyzer.read(wav);
        assertThat(recording.seconds()).as("%s recorded seconds", listener.user()).isGreaterThan(1.5);
        assertThat(ToneAnalyzer.rms(recording)).as("%s level", listener.user()).isGreaterThan(0.01);
        assertThat(ToneAnalyzer.dominantFrequency(recording, 200, 3500)).as("%s heard", listener.user())
                .isBetween(expectedHz - 20.0, expectedHz + 20.0);
    }
}
