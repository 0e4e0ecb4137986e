package io.dataivr.api.http.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.agent.AgentState;
import io.dataivr.fixtures.AgentCredentials;
import io.dataivr.fixtures.HeadlessChromium;
import io.dataivr.fixtures.JsonSocket;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.fixtures.ToneAnalyzer;
import io.dataivr.fixtures.WebRtcNamespace;
import io.dataivr.store.pg.PjsipRealtimeProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue 14 items 3-4: the customer page in a real browser calls a real agent. Chromium (headless, fake
 * microphone playing 440 Hz) runs in a network namespace of the test's own (scripts/webrtc-netns), so its
 * media stays on a 198.18.0.0/15 link; it registers its WebRTC device account over Asterisk's SIP
 * WebSocket and calls the idle-agent FIFO's head, a baresip desk phone that answers by itself and plays
 * its own tone. Checked: the account is a WebRTC endpoint of this session, the head rings, audio flows
 * both ways (the agent's recording holds 440 Hz, the page's received audio the agent's tone), browsing
 * during the call reaches the agent's screen, a hang-up from either side sends the agent to the FIFO's
 * tail, the session's record is stored, and a browser killed mid-call frees its agent within 6 s.
 */
@IntegrationTest
class CustomerPageCallEndToEndTests {

    private static final String QUEUE = "support";
    private static final int BROWSER_TONE = 440;
    private static final int AGENT1_TONE = 700;
    private static final int AGENT2_TONE = 1000;
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Records every RTCPeerConnection the page makes from now on (WebDriver's script, not under the page's CSP). */
    private static final String PEER_CONNECTION_PROBE = """
            (() => {
              const Original = window.RTCPeerConnection;
              if (!Original || window.__dataivrPeers) return;
              window.__dataivrPeers = [];
              window.RTCPeerConnection = function (...args) {
                const pc = new Original(...args);
                window.__dataivrPeers.push(pc);
                return pc;
              };
              window.RTCPeerConnection.prototype = Original.prototype;
              Object.setPrototypeOf(window.RTCPeerConnection, Original);
            })();""";

    @RegisterExtension
    static PhonesOnQueue phones = PhonesOnQueue.on(QUEUE, "dataivr-webrtc-e2e")
            .agentPhone("agent1", "127.0.0.91", AGENT1_TONE)
            .agentPhone("agent2", "127.0.0.92", AGENT2_TONE);

    private static WebRtcNamespace namespace;
    private static Path toneFile;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PjsipRealtimeProperties realtimeProperties;

    private final List<AutoCloseable> perTest = new ArrayList<>();
    private JdbcTemplate realtime;

    @BeforeEach
    void agentsIdleInTheOrderAgent2Agent1() throws Exception {
        if (namespace == null) {
            namespace = WebRtcNamespace.up(14, port, WebRtcNamespace.SIP_WEBSOCKET_PORT);
            toneFile = WebRtcNamespace.toneFile(Files.createTempDirectory("dataivr-webrtc-tone"), BROWSER_TONE, 10);
        }
        realtime = new JdbcTemplate(new DriverManagerDataSource(realtimeProperties.url(),
                realtimeProperties.username(), realtimeProperties.password()));
        phones.onlyAgentLoggedIn("agent2");
        phones.agents().login("agent1", QUEUE);
        phones.awaitIdle("agent2", "agent1");
    }

    @AfterEach
    void closeWhatTheTestOpened() throws Exception {
        for (int i = perTest.size() - 1; i >= 0; i--) {
            try {
                perTest.get(i).close();
            } catch (Exception | AssertionError e) {
                // a browser the test killed cannot quit
            }
        }
        perTest.clear();
        for (String agent : List.of("agent1", "agent2")) {
            SipPhoneProcess phone = phones.phone(agent);
            if (phones.agents().state(agent) == AgentState.TALKING) {
                phone.control().hangup(); // a failed test may leave a call up
            }
        }
    }

    @AfterAll
    static void removeTheNamespace() {
        if (namespace != null) {
            namespace.close();
            namespace = null;
        }
    }

    private HeadlessChromium browser() {
        HeadlessChromium chromium = HeadlessChromium.start(CustomerPageBrowserIntegrationTests.PHONE_WIDTH,
                CustomerPageBrowserIntegrationTests.PHONE_HEIGHT, namespace.chromium(),
                List.of("--use-file-for-fake-audio-capture=" + toneFile, "--autoplay-policy=no-user-gesture-required"));
        perTest.add(chromium);
        return chromium;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBrowserCallsTheFifoHeadAndTheyHearEachOtherAndTheAgentGoesToTheTailAtHangUp() throws Exception {
        JsonSocket screen = JsonSocket.open("ws://127.0.0.1:" + port + "/ws/v1/agent?agent=agent2",
                AgentCredentials.basic("agent2"));
        perTest.add(screen);
        HeadlessChromium chromium = browser();
        CustomerPage page = new CustomerPage(chromium.driver());
        page.open(port, "lang=en").awaitHeading("Telecom service");
        String sessionId = page.sessionId();
        page.choose("1").awaitAnswer("Your balance is 58.20 CNY; you have used 41.80 CNY this month.");
        chromium.driver().executeScript(PEER_CONNECTION_PROBE); // JsSIP looks the constructor up at call time

        int calls = phones.phone("agent2").control().eventCount("CALL_ESTABLISHED");
        long tapped = System.nanoTime();
        page.choose("0");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> phones.phone("agent2").control().eventCount("CALL_ESTABLISHED") > calls);
        long answeredMs = (System.nanoTime() - tapped) / 1_000_000;
        awaitNewCall("agent2", calls);
        page.awaitCallState("You are talking with agent2.");
        assertThat(phones.agents().state("agent1")).as("only the FIFO's head rang").isEqualTo(AgentState.IDLE);

        // The session's account is a WebRTC endpoint, live in PJSIP realtime, recorded as the browser's.
        Map<String, Object> account = realtime.queryForMap(
                "select username, device from sip_device_account where session_id = ?::uuid", sessionId);
        String username = (String) account.get("username");
        assertThat(account.get("device")).isEqualTo("webrtc");
        assertThat(realtime.queryForMap("select webrtc, media_encryption, direct_media, rtp_timeout, allow "
                + "from ps_endpoints where id = ?", username)).containsEntry("webrtc", "yes")
                .containsEntry("media_encryption", "dtls").containsEntry("direct_media", "no")
                .containsEntry("rtp_timeout", 5).containsEntry("allow", "opus,ulaw,alaw");

        // Audio both ways: the agent records the browser's tone, the page receives the agent's.
        String link = "/sys/class/net/dvw-14h/statistics/";
        long linkPacketsBefore = Long.parseLong(Files.readString(Path.of(link + "rx_packets")).strip());
        await().atMost(WAIT).until(() -> phones.phone("agent2").receivedSeconds() > 2.5);
        ToneAnalyzer.Recording heard = ToneAnalyzer.read(phones.phone("agent2").lastReceivedAudio().orElseThrow());
        assertThat(ToneAnalyzer.rms(heard)).as("the agent hears something").isGreaterThan(0.01);
        assertThat(ToneAnalyzer.dominantFrequency(heard, 200, 3500)).as("the agent hears the browser's tone")
                .isBetween(BROWSER_TONE - 20.0, BROWSER_TONE + 20.0);
        Map<String, Object> inbound = inboundAudio(chromium);
        assertThat(((Number) inbound.get("packetsReceived")).longValue()).as("RTP packets the page received")
                .isGreaterThan(50);
        assertThat(((Number) inbound.get("totalAudioEnergy")).doubleValue()).as("energy of the received audio")
                .isGreaterThan(0);
        assertThat(pageHears(chromium)).as("the frequency the page hears").isBetween(AGENT2_TONE - 30.0,
                AGENT2_TONE + 30.0);
        assertThat(inbound.get("codec")).as("the browser leg's codec").asString().containsIgnoringCase("opus");
        assertThat((List<Object>) inbound.get("remoteCandidates")).as("Asterisk's ICE candidates (rtp-test.conf)")
                .isNotEmpty().allSatisfy(address -> assertThat(address).asString().startsWith("198.18."));
        long linkPackets = Long.parseLong(Files.readString(Path.of(link + "rx_packets")).strip()) - linkPacketsBefore;
        assertThat(linkPackets).as("packets the browser sent over the test namespace's link").isGreaterThan(50);

        // Claims 4-5: the browser customer browses during the call; the agent's screen shows it.
        page.choose("2").awaitHeading("Plans and data");
        JsonNode browsing = screen.awaitLatestOfType("screen", m -> m.path("state").asText().equals("talking")
                && m.path("caller").path("viewing").path("labels").path(0).asText().equals("Plans and data"), WAIT);
        assertThat(browsing.path("caller").path("session").asText()).isEqualTo(sessionId);

        // The agent hangs up: the agent goes to the FIFO's tail, the page says the call ended.
        phones.phone("agent2").control().hangup();
        page.awaitCallState("The call has ended.");
        phones.awaitIdle("agent1", "agent2");

        // The customer ends the session: its record is stored, its account revoked.
        page.click("end");
        await().atMost(WAIT).until(() -> page.shown("finished"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select voice_calls from session_end_record where session_id = ?::uuid", Integer.class, sessionId))
                .isEqualTo(1));
        await().atMost(WAIT).until(() -> realtime.queryForObject("select count(*) from ps_endpoints where id = ?",
                Integer.class, username) == 0);
        System.out.printf("browser call: tap on 'talk to an agent' -> agent answered (auto-answer) in %d ms; "
                + "page inbound %s%n", answeredMs, inbound);
    }

    @Test
    void theCustomerHangsUpInThePageAndTheAgentGoesToTheTail() throws Exception {
        HeadlessChromium chromium = browser();
        CustomerPage page = new CustomerPage(chromium.driver());
        page.open(port, "lang=en").awaitHeading("Telecom service");
        int calls = phones.phone("agent2").control().eventCount("CALL_ESTABLISHED");
        page.choose("0");
        awaitNewCall("agent2", calls);
        page.awaitCallState("You are talking with agent2.");
        int closed = phones.phone("agent2").control().eventCount("CALL_CLOSED");
        page.click("hangup");
        await().atMost(WAIT).until(() -> phones.phone("agent2").control().eventCount("CALL_CLOSED") > closed);
        page.awaitCallState("The call has ended.");
        phones.awaitIdle("agent1", "agent2");
    }

    @Test
    void aBrowserKilledMidCallFreesItsAgentWithinSixSeconds() throws Exception {
        HeadlessChromium chromium = browser();
        CustomerPage page = new CustomerPage(chromium.driver());
        page.open(port, "lang=en").awaitHeading("Telecom service");
        int calls = phones.phone("agent2").control().eventCount("CALL_ESTABLISHED");
        page.choose("0");
        awaitNewCall("agent2", calls);
        await().atMost(WAIT).until(() -> phones.phone("agent2").receivedSeconds() > 1.0);
        int closed = phones.phone("agent2").control().eventCount("CALL_CLOSED");

        List<Long> browserPids = namespace.browserProcesses();
        assertThat(browserPids).as("Chromium's processes in the test namespace").isNotEmpty();
        long killed = System.nanoTime();
        for (long pid : browserPids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL: no BYE, no unregister
        }
        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(50))
                .until(() -> phones.phone("agent2").control().eventCount("CALL_CLOSED") > closed);
        long freedMs = (System.nanoTime() - killed) / 1_000_000;
        phones.awaitIdle("agent1", "agent2");
        System.out.printf("browser killed mid-call: the agent's phone got its BYE %d ms later%n", freedMs);
    }

    @Test
    void aBrowserWhoseMediaStopsIsHungUpByRtpTimeoutWithinSixSeconds() throws Exception {
        HeadlessChromium chromium = browser();
        CustomerPage page = new CustomerPage(chromium.driver());
        page.open(port, "lang=en").awaitHeading("Telecom service");
        int calls = phones.phone("agent2").control().eventCount("CALL_ESTABLISHED");
        page.choose("0");
        awaitNewCall("agent2", calls);
        await().atMost(WAIT).until(() -> phones.phone("agent2").receivedSeconds() > 1.0);
        int closed = phones.phone("agent2").control().eventCount("CALL_CLOSED");

        // The browser's network link goes down: no RTP, no BYE, but its SIP WebSocket (forwarded on
        // loopback) stays open and it stays registered: only Asterisk's rtp_timeout can notice.
        long cut = System.nanoTime();
        namespace.link(false);
        try {
            await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(50))
                    .until(() -> phones.phone("agent2").control().eventCount("CALL_CLOSED") > closed);
            long freedMs = (System.nanoTime() - cut) / 1_000_000;
            phones.awaitIdle("agent1", "agent2");
            System.out.printf("browser's media cut mid-call: the agent's phone got its BYE %d ms later%n", freedMs);
        } finally {
            namespace.link(true);
        }
    }

    /** The page's inbound audio RTP statistics (getStats) of its call, with the codec's mime type. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> inboundAudio(HeadlessChromium chromium) {
        Object stats = chromium.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const pc = (window.__dataivrPeers || []).at(-1);
                if (!pc) { done(null); return; }
                pc.getStats().then((report) => {
                  let inbound = null;
                  report.forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'audio') inbound = s; });
                  if (!inbound) { done(null); return; }
                  const codec = inbound.codecId ? report.get(inbound.codecId) : null;
                  const remotes = [];
                  report.forEach((s) => { if (s.type === 'remote-candidate') remotes.push(s.address ?? s.ip); });
                  done({packetsReceived: inbound.packetsReceived, totalAudioEnergy: inbound.totalAudioEnergy ?? 0,
                        codec: codec ? codec.mimeType : '', remoteCandidates: remotes});
                }, () => done(null));""");
        assertThat(stats).as("the page's call has inbound audio statistics").isInstanceOf(Map.class);
        return (Map<String, Object>) stats;
    }

    /** The dominant frequency of what the page plays (its agent-voice element's stream), over ~1 s. */
    private static double pageHears(HeadlessChromium chromium) {
        Object hz = chromium.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const stream = document.getElementById('agent-voice').srcObject;
                if (!stream) { done(-1); return; }
                const ctx = new AudioContext();
                const analyser = ctx.createAnalyser();
                analyser.fftSize = 8192;
                ctx.createMediaStreamSource(stream).connect(analyser);
                const bins = new Float32Array(analyser.frequencyBinCount);
                const sums = new Float64Array(analyser.frequencyBinCount);
                let rounds = 0;
                const timer = setInterval(() => {
                  analyser.getFloatFrequencyData(bins);
                  for (let i = 0; i < bins.length; i++) sums[i] += Math.pow(10, bins[i] / 10);
                  if (++rounds < 10) return;
                  clearInterval(timer);
                  let best = 1;
                  const low = Math.floor(200 * analyser.fftSize / ctx.sampleRate);
                  for (let i = low; i < sums.length; i++) if (sums[i] > sums[best] || best < low) best = i;
                  const rate = ctx.sampleRate;
                  ctx.close();
                  done(best * rate / analyser.fftSize);
                }, 100);""");
        return ((Number) hz).doubleValue();
    }


    /** Waits until {@code agent}'s phone has one more call up than {@code before} and the adapter has it TALKING. */
    private static void awaitNewCall(String agent, int before) {
        await().atMost(WAIT).until(() -> phones.phone(agent).control().eventCount("CALL_ESTABLISHED") > before);
        await().atMost(WAIT).until(() -> phones.agents().state(agent) == AgentState.TALKING);
    }
}
