package io.dataivr.api.http.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.HeadlessChromium;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.fixtures.WebRtcNamespace;
import io.dataivr.sdk.ClientListener;
import io.dataivr.sdk.ClientOptions;
import io.dataivr.sdk.DataIvrClient;
import io.dataivr.sdk.ServerMessage;
import io.dataivr.sdk.sip.BaresipPhone;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14, "Measure" ({@code bench/browser-call-setup.sh}; not part of the test suite: the class name does
 * not end in Tests). One adapter, one Asterisk, one agent desk phone (baresip, answering by itself), two
 * customers side by side in one run, call by call alternating:
 * <ul>
 * <li><b>browser</b>: the customer page /app/ in Chromium (headless, fake microphone, in a network namespace
 * of its own: scripts/webrtc-netns), opened afresh for each call (a new session), read for a moment, then the
 * customer taps "talk to an agent": the tap is the pointerdown's own time stamp in the page;
 * <li><b>app</b>: the Java SDK with a baresip phone in its options (the device account registered as the
 * session opens), the tap is the SDK's {@code choose}; the phone dials the voice answer's link at once.
 * </ul>
 * Ring = the agent's phone reports the incoming call (baresip's CALL_INCOMING, read as it arrives); the agent
 * then answers, talks, and hangs up. Also
 * printed: the page's size (HTML, CSS and JS of the first load, gzipped as a server would send them, and
 * JsSIP, loaded at the first voice intent), time to first menu on a cold load (a new browser profile: the
 * page's {@code dataivr:first-menu} mark), and Chromium's CPU during a call.
 */
@IntegrationTest
class BrowserCallSetupBenchmark {

    private static final String QUEUE = "support";
    private static final String AGENT = "agent1";
    private static final int CALLS = Integer.getInteger("dataivr.browser.calls", 20);
    private static final int COLD_LOADS = Integer.getInteger("dataivr.browser.cold-loads", 5);
    private static final Duration READING = Duration.ofMillis(1500);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The pointerdown of the customer's tap, in epoch milliseconds (WebDriver's script, not under the page's CSP). */
    private static final String TAP_PROBE = """
            performance.clearMarks('dataivr:call');
            performance.clearMarks('dataivr:microphone');
            performance.clearMarks('dataivr:registered');
            performance.clearMarks('dataivr:invite');
            window.__dataivrTap = null;
            document.addEventListener('pointerdown',
              (e) => { window.__dataivrTap = performance.timeOrigin + e.timeStamp; }, {capture: true, once: true});""";

    @RegisterExtension
    static PhonesOnQueue phones = PhonesOnQueue.on(QUEUE, "dataivr-browser-bench")
            .agentPhoneAnsweredByHand(AGENT, "127.0.0.201", 700);

    @LocalServerPort
    int port;

    @Test
    void tapToRingInTheBrowserAgainstTheSdkWithBaresipAndThePagesWeight() throws Exception {
        phones.onlyAgentLoggedIn(AGENT);
        phones.awaitIdle(AGENT);
        Path work = Files.createTempDirectory("dataivr-browser-bench");
        Path tone = WebRtcNamespace.toneFile(work, 440, 30);
        try (WebRtcNamespace namespace = WebRtcNamespace.up(16, port, WebRtcNamespace.SIP_WEBSOCKET_PORT);
                SipPhoneProcess device = SipPhoneProcess.startWithoutAccount("bench-device", "127.0.0.202", 440,
                        work)) {
            List<String> chromiumArgs = List.of("--use-file-for-fake-audio-capture=" + tone,
                    "--autoplay-policy=no-user-gesture-required");
            pageWeightAndColdLoads(namespace, chromiumArgs);
            List<Double> browser = new ArrayList<>();
            List<Double> app = new ArrayList<>();
            double chromiumCpu = -1;
            try (HeadlessChromium chromium = HeadlessChromium.start(CustomerPageBrowserIntegrationTests.PHONE_WIDTH,
                    CustomerPageBrowserIntegrationTests.PHONE_HEIGHT, namespace.chromium(), chromiumArgs)) {
                for (int i = 0; i < CALLS; i++) {
                    browser.add(browserCall(chromium));
                    if (i == 0) {
                        chromiumCpu = chromiumCpuDuringTheCall(namespace);
                    }
                    endTheCall();
                    app.add(appCall(device.control()));
                    endTheCall();
                }
            }
            System.out.printf(Locale.ROOT, "browsersetup: tap -> agent's ring, %d calls each, alternating%n", CALLS);
            System.out.println("browsersetup: " + figures("browser (page /app/, WebRTC)", browser));
            System.out.println("browsersetup: " + figures("app (SDK + baresip, account ahead)", app));
            steps.forEach((step, values) -> System.out.println("browsersetup:   browser step, ms after the tap ("
                    + "negative: before it): " + figures(step, values)));
            System.out.printf(Locale.ROOT, "browsersetup: ratio browser / app p50 %.2fx%n",
                    percentile(browser, 50) / percentile(app, 50));
            System.out.printf(Locale.ROOT, "browsersetup: Chromium CPU during a call: %.1f %% of one core%n",
                    chromiumCpu);
        }
    }

    /** The page's call steps ({@code dataivr:…} marks of the web SDK), ms after the tap, by step. */
    private final Map<String, List<Double>> steps = new LinkedHashMap<>();

    /** One browser call: a new session on the page, a moment to read, the tap; ms from the tap to the ring. */
    private double browserCall(HeadlessChromium chromium) throws InterruptedException {
        CustomerPage page = new CustomerPage(chromium.driver());
        page.open(port, "lang=en").awaitHeading("Telecom service");
        await().pollDelay(READING).atMost(READING.plusSeconds(1)).until(() -> true); // the customer reads
        chromium.driver().executeScript(TAP_PROBE);
        BaresipPhone agent = phones.phone(AGENT).control();
        int from = agent.events().size();
        page.choose("0");
        agent.awaitEventAfter(from, e -> "CALL_INCOMING".equals(e.path("type").asText()), WAIT);
        double rang = epochMillis(Instant.now());
        Number tapped = (Number) chromium.driver().executeScript("return window.__dataivrTap;");
        assertThat(tapped).as("the page saw the tap's pointerdown").isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Number> marks = (Map<String, Number>) chromium.driver().executeScript("""
                const at = {};
                for (const m of performance.getEntriesByType('mark')) at[m.name] = performance.timeOrigin + m.startTime;
                return at;""");
        for (String step : List.of("dataivr:registered-ahead", "dataivr:call", "dataivr:microphone",
                "dataivr:registered", "dataivr:invite")) {
            Number at = marks.get(step);
            if (at != null) {
                steps.computeIfAbsent(step, s -> new ArrayList<>()).add(at.doubleValue() - tapped.doubleValue());
            }
        }
        steps.computeIfAbsent("agent's ring", s -> new ArrayList<>()).add(rang - tapped.doubleValue());
        agent.answer();
        phones.awaitTalking(AGENT);
        page.awaitCallState("You are talking with " + AGENT + ".");
        return rang - tapped.doubleValue();
    }

    /** One app call: the SDK's session with the account registered ahead, the tap, the dial; ms to the ring. */
    private double appCall(BaresipPhone device) throws Exception {
        CompletableFuture<ServerMessage.Voice> voice = new CompletableFuture<>();
        ClientListener listener = message -> {
            if (message instanceof ServerMessage.Voice v) {
                device.dial(v.dial); // registered ahead: the app only dials
                voice.complete(v);
            }
        };
        try (DataIvrClient client = DataIvrClient.connect("ws://127.0.0.1:" + port + "/ws/v1/consultation", listener,
                new ClientOptions().sipPhone(device))) {
            client.opened().get(10, TimeUnit.SECONDS);
            client.consult(null, "en", "bench-app").get(10, TimeUnit.SECONDS);
            client.registeredAhead().get(20, TimeUnit.SECONDS);
            await().pollDelay(READING).atMost(READING.plusSeconds(1)).until(() -> true); // the customer reads
            BaresipPhone agent = phones.phone(AGENT).control();
            int from = agent.events().size();
            double tapped = epochMillis(Instant.now());
            client.choose("0");
            agent.awaitEventAfter(from, e -> "CALL_INCOMING".equals(e.path("type").asText()), WAIT);
            double rang = epochMillis(Instant.now());
            voice.get(10, TimeUnit.SECONDS);
            agent.answer();
            phones.awaitTalking(AGENT);
            client.end().get(10, TimeUnit.SECONDS);
            return rang - tapped;
        }
    }

    /** The agent hangs up; it is idle again before the next call. */
    private static void endTheCall() {
        phones.phone(AGENT).control().hangup();
        phones.awaitIdle(AGENT);
    }

    /** CPU of Chromium's processes over 5 s of a call, in % of one core. */
    private static double chromiumCpuDuringTheCall(WebRtcNamespace namespace) throws IOException {
        long ticksBefore = ticks(namespace.browserProcesses());
        long started = System.nanoTime();
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
        long ticks = ticks(namespace.browserProcesses()) - ticksBefore;
        double seconds = (System.nanoTime() - started) / 1e9;
        return 100.0 * ticks / 100.0 / seconds; // USER_HZ = 100
    }

    private static long ticks(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            } catch (IOException e) {
                // a process that ended between listing and reading
            }
        }
        return sum;
    }

    /**
     * The page's first load: every resource it fetched (navigation, CSS, JS modules) fetched again and
     * gzipped; JsSIP apart (loaded at the first voice intent). Then cold loads, each in a new profile.
     */
    @SuppressWarnings("unchecked")
    private void pageWeightAndColdLoads(WebRtcNamespace namespace, List<String> args) throws Exception {
        List<Double> firstMenu = new ArrayList<>();
        List<String> urls = List.of();
        for (int i = 0; i < COLD_LOADS; i++) {
            try (HeadlessChromium chromium = HeadlessChromium.start(CustomerPageBrowserIntegrationTests.PHONE_WIDTH,
                    CustomerPageBrowserIntegrationTests.PHONE_HEIGHT, namespace.chromium(), args)) {
                new CustomerPage(chromium.driver()).open(port, "lang=en").awaitHeading("Telecom service");
                Number mark = (Number) chromium.driver().executeScript("""
                        const m = performance.getEntriesByName('dataivr:first-menu');
                        return m.length ? m[0].startTime : null;""");
                assertThat(mark).as("the page's first-menu mark").isNotNull();
                firstMenu.add(mark.doubleValue());
                urls = (List<String>) chromium.driver().executeScript("""
                        return [location.href].concat(performance.getEntriesByType('resource')
                          .filter((r) => ['script', 'link', 'css', 'other'].includes(r.initiatorType)
                                         || r.name.endsWith('.js') || r.name.endsWith('.css'))
                          .map((r) => r.name));""");
                assertThat(chromium.driver().findElements(By.cssSelector("#items button"))).isNotEmpty();
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        long raw = 0;
        long gzipped = 0;
        long jssipRaw = 0;
        long jssipGzipped = 0;
        for (String url : urls.stream().distinct().toList()) {
            String local = url.replaceFirst("^http://[^/]+", "http://127.0.0.1:" + port);
            byte[] body = http.send(HttpRequest.newBuilder(URI.create(local)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            if (url.contains("/vendor/jssip.js")) {
                jssipRaw += body.length;
                jssipGzipped += gzip(body);
            } else {
                raw += body.length;
                gzipped += gzip(body);
            }
        }
        byte[] jssip = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app/vendor/jssip.js"))
                .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        if (jssipRaw == 0) {
            jssipRaw = jssip.length;
            jssipGzipped = gzip(jssip);
        }
        System.out.printf(Locale.ROOT, "browsersetup: page first load: %d resources, %.1f KB, gzipped %.1f KB; "
                + "JsSIP at the first voice intent %.1f KB, gzipped %.1f KB%n", urls.stream().distinct().count(),
                raw / 1024.0, gzipped / 1024.0, jssipRaw / 1024.0, jssipGzipped / 1024.0);
        System.out.println("browsersetup: cold load -> first menu (new profile each): "
                + figures("first menu", firstMenu));
    }

    private static long gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        }
        return out.size();
    }

    private static double epochMillis(Instant at) {
        return at.getEpochSecond() * 1000.0 + at.getNano() / 1e6;
    }

    private static String figures(String what, List<Double> values) {
        return String.format(Locale.ROOT, "%s: n=%d p50 %.1f ms, p90 %.1f ms, max %.1f ms", what, values.size(),
                percentile(values, 50), percentile(values, 90), percentile(values, 100));
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
