package io.dataivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.FifoReconciler;
import io.dataivr.agent.IdleAgentMirror;
import io.dataivr.agent.QueueMembership;
import io.dataivr.fixtures.LineCollector;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.fixtures.ToneAnalyzer;
import io.dataivr.sdk.terminal.TerminalClient;
import io.dataivr.session.token.SessionTokens;
import io.dataivr.store.pg.PjsipRealtimeProperties;
import io.dataivr.voice.AmiGateway;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The eight patent steps, thin but real: the SDK's terminal client, the adapter, PostgreSQL, Redis,
 * Asterisk 22 and four baresip phones (one customer, three agents), with audio checked both ways.
 * The customer's phone starts with no SIP account: the terminal client registers it with the
 * device account the adapter provisioned for the session (PJSIP realtime) before it dials.
 */
@IntegrationTest
class WalkingSkeletonEndToEndTests {

    private static final String QUEUE = "support";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final List<SipPhoneProcess> phones = new ArrayList<>();
    private static SipPhoneProcess customer;
    private static Map<String, SipPhoneProcess> agents;

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
    SessionTokens tokens;
    @Autowired
    PjsipRealtimeProperties realtimeProperties;
    private JdbcTemplate realtime;

    @BeforeAll
    static void startPhones() throws Exception {
        Path work = Files.createTempDirectory("dataivr-e2e");
        customer = started(SipPhoneProcess.startWithoutAccount("app-phone", "127.0.0.41", 440, work));
        customer.releaseControl(); // the app's SIP phone: the terminal client registers and drives it
        agents = Map.of(
                "agent1", started(SipPhoneProcess.start("agent1", "127.0.0.31", 700, true, work)),
                "agent2", started(SipPhoneProcess.start("agent2", "127.0.0.32", 1000, true, work)),
                "agent3", started(SipPhoneProcess.start("agent3", "127.0.0.33", 1300, true, work)));
    }

    private static SipPhoneProcess started(SipPhoneProcess phone) {
        phones.add(phone);
        return phone;
    }

    @AfterAll
    static void stopPhones() {
        phones.forEach(SipPhoneProcess::close);
    }

    @Test
    void aCustomerBrowsesReadsAnAnswerTalksToTheLongestIdleAgentAndEndsWithEverythingStored() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(ami::connected);
        realtime = new JdbcTemplate(new DriverManagerDataSource(realtimeProperties.url(),
                realtimeProperties.username(), realtimeProperties.password()));
        for (String agent : List.of("agent1", "agent2", "agent3")) {
            membership.remove(QUEUE, agent);
        }
        reconciler.rebuild(QUEUE);
        agentService.login("agent2", QUEUE);
        agentService.login("agent1", QUEUE);
        agentService.login("agent3", QUEUE);
        assertThat(mirror.read(QUEUE)).containsExactly("agent2", "agent1", "agent3");

        LineCollector out = new LineCollector();
        LineCollector err = new LineCollector();
        String[] args = {"--url", "ws://127.0.0.1:" + port + "/ws/v1/consultation", "--json", "--lang", "en",
                "--token", tokens.mint("e2e-" + UUID.randomUUID(), Duration.ofMinutes(5)), "--choose", "1", "--choose", "0",
                "--sip-ctrl", "127.0.0.41:4444", "--timeout", "60"};
        CompletableFuture<Integer> client = CompletableFuture.supplyAsync(
                () -> TerminalClient.run(args, new ByteArrayInputStream(new byte[0]), out.stream(), err.stream()));

        // Step 6: the head of the idle-agent FIFO rings and answers (auto-answer), nobody else rings.
        SipPhoneProcess head = agents.get("agent2");
        head.control().awaitEvent("CALL_ESTABLISHED", CALL_TIMEOUT);
        // (A phone may refresh its registration meanwhile: only call events say it rang.)
        assertThat(agents.get("agent1").control().events()).as("agent1's call events")
                .noneMatch(e -> e.path("class").asText().equals("call"));
        assertThat(agents.get("agent3").control().events()).as("agent3's call events")
                .noneMatch(e -> e.path("class").asText().equals("call"));
        await().atMost(CALL_TIMEOUT).until(() -> !mirror.read(QUEUE).contains("agent2"));
        assertThat(membership.members(QUEUE)).containsExactly("agent1", "agent3");

        // Step 7: they talk for a while (tones both ways), then the agent hangs up.
        // Until each side has recorded over 2 s of the other's tone (assertHeard wants 1.5 s).
        await().atMost(CALL_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> customer.receivedSeconds() > 2 && head.receivedSeconds() > 2);
        head.control().hangup();
        head.control().awaitEvent("CALL_CLOSED", CALL_TIMEOUT);
        await().atMost(CALL_TIMEOUT).untilAsserted(() -> {
            assertThat(mirror.read(QUEUE)).containsExactly("agent1", "agent3", "agent2");
            assertThat(membership.members(QUEUE)).containsExactly("agent1", "agent3", "agent2");
        });

        // Step 8: the client ends the session once the call is over.
        assertThat(client.get(60, TimeUnit.SECONDS)).as("client exit code; stderr: %s", err.lines()).isZero();
        List<JsonNode> messages = json(out.lines());
        assertThat(messages).extracting(m -> m.path("type").asText())
                .containsSubsequence("session", "menu", "content", "voice", "call", "ended");
        assertThat(messages).filteredOn(m -> m.path("type").asText().equals("menu")).first()
                .satisfies(menu -> assertThat(menu.path("title").asText()).isEqualTo("Telecom service"));
        assertThat(messages).filteredOn(m -> m.path("type").asText().equals("content")).first()
                .satisfies(content -> assertThat(content.path("text").asText()).startsWith("Your balance"));
        assertThat(messages).filteredOn(m -> m.path("type").asText().equals("call"))
                .extracting(m -> m.path("state").asText() + ":" + m.path("agent").asText(""))
                .contains("ringing:agent2", "talking:agent2", "ended:");
        String sessionId = messages.get(0).path("session").asText();

        // The phone called from the session's own device account, which is revoked now that the session ended.
        JsonNode sip = messages.stream().filter(m -> m.path("type").asText().equals("voice")).findFirst()
                .orElseThrow().path("sip");
        String device = sip.path("username").asText();
        assertThat(device).startsWith("dev-");
        assertThat(err.lines()).contains("SIP phone registered as sip:" + device + "@" + sip.path("domain").asText());
        assertThat(String.join("\n", err.lines())).doesNotContain(sip.path("password").asText());
        await().atMost(CALL_TIMEOUT).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select sip_account from voice_call where session_id = ?::uuid", String.class, sessionId))
                .isEqualTo(device));
        await().atMost(CALL_TIMEOUT).untilAsserted(() -> assertThat(realtime.queryForObject(
                "select count(*) from ps_endpoints where id = ?", Integer.class, device)).as("device account revoked")
                .isZero());

        assertThat(jdbc.queryForList("select item_path from service_item_log where session_id = ?::uuid order by seq",
                String.class, sessionId)).containsExactly("1", "0");
        assertThat(jdbc.queryForObject("select count(*) from content_delivery_log where session_id = ?::uuid",
                Integer.class, sessionId)).isEqualTo(1);
        Map<String, Object> call = jdbc.queryForMap("""
                select agent, caller_channel_id, answered_at is not null as answered, ended_at is not null as ended,
                       extract(epoch from ringing_at - requested_at) * 1000 as ring_ms
                from voice_call where session_id = ?::uuid""", sessionId);
        assertThat(call).containsEntry("agent", "agent2").containsEntry("answered", true).containsEntry("ended", true);
        assertThat(call.get("caller_channel_id")).isNotNull();
        System.out.printf("e2e: voice request -> agent phone ringing: %.1f ms%n", ((Number) call.get("ring_ms")).doubleValue());
        assertThat(jdbc.queryForMap("select items_chosen, contents_sent, voice_calls from session_end_record where session_id = ?::uuid",
                sessionId)).containsEntry("items_chosen", 2).containsEntry("contents_sent", 1).containsEntry("voice_calls", 1);

        // Audio flowed both ways: each side heard the other's tone.
        assertHeard(customer, head.tone());
        assertHeard(head, customer.tone());
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

    private static List<JsonNode> json(List<String> lines) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines) {
            nodes.add(mapper.readTree(line));
        }
        return nodes;
    }
}
