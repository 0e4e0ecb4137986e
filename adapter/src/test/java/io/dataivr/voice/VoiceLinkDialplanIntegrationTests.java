package io.dataivr.voice;

import io.dataivr.fixtures.TestAmi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.IntegrationTest;
import io.dataivr.call.ChannelId;
import io.dataivr.fixtures.AmiProbe;
import io.dataivr.fixtures.AsteriskAccounts;
import io.dataivr.fixtures.CustomerCalls;
import io.dataivr.menu.MenuService;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.consult.SessionService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.DbDelAction;
import org.asteriskjava.manager.action.DbPutAction;
import org.asteriskjava.manager.action.FilterAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.asteriskjava.manager.response.CommandResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The voice-link contract between the dialplan (dialplan/extensions.conf) and the adapter, on the real
 * Asterisk: the adapter writes each link into Asterisk's database (dataivr-link/vr-…) before the app
 * learns it; the dialplan takes it once and derives the queue, the session and the request from it,
 * or refuses the call (cause 21) with DATAIVR_ERROR; the adapter follows the call from the
 * dialplan's VarSet, closes the link of a request given up, and sweeps stale links away.
 * The "app" is a Local channel dialling the link (it has no PJSIP endpoint, like a static account). The
 * voice item's queue is race-test, which has no members here: the linked call waits in it (the
 * suite's shared context keeps the support queue, whose agents this test leaves alone).
 */
@IntegrationTest
class VoiceLinkDialplanIntegrationTests {

    static final String QUEUE = "race-test";
    static final Duration WAIT = Duration.ofSeconds(15);
    /** What only this checkout's dataivr-customer context has: the voice link taken from AstDB at once. */
    static final String THIS_DIALPLAN = "MSet(DATAIVR_SESSION=${CUT(DB_RESULT,:,1)}";
    static final String MENU = """
            menu: voice-link-contract
            languages: [en]
            title: Voice link contract
            items:
              - key: "0"
                label: Talk to an agent
                voice: race-test
            """;

    @Autowired
    MenuService menus;
    @Autowired
    SessionService sessions;
    @Autowired
    AmiGateway gateway;
    @Autowired
    VoiceCallService calls;

    /** Per channel Uniqueid: the variables the dialplan sets, the queue it joined, and the hang-up cause. */
    private final Map<String, Map<String, String>> variables = new ConcurrentHashMap<>();
    private final Map<String, String> joined = new ConcurrentHashMap<>();
    private final Map<String, Integer> hangupCauses = new ConcurrentHashMap<>();
    private ManagerConnection ami;

    @BeforeEach
    void watchAsterisk() throws Exception {
        AsteriskAccounts.requireQueue(QUEUE);
        AsteriskAccounts.requireDialplan("dataivr-customer", THIS_DIALPLAN);
        menus.importIfChanged(MENU.getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).until(gateway::connected);
        ami = TestAmi.factory().createManagerConnection();
        ami.addEventListener(this::on);
        ami.login();
        ami.sendAction(new FilterAction("^Event: (VarSet|Hangup|QueueCallerJoin)[[:space:]]"), 5_000);
    }

    @AfterEach
    void stopWatching() throws Exception {
        ami.sendAction(new HangupAction("/^Local\\/vr-.*/"), 5_000);
        ami.logoff();
    }

    @Test
    void aValidLinkSetsTheQueueSessionAndRequestFromAstDbOnceAndAUsedOneIsRefused() throws Exception {
        UUID session = sessions.start("voice-link-contract", "en", "contract").session().id();
        ChoiceOutcome.VoiceRequested voice = (ChoiceOutcome.VoiceRequested) sessions.choose(session, "0");
        String link = voice.request().id();
        String stored = stored(link);
        assertThat(stored).as("written before the app learnt the link").startsWith(session + ":" + QUEUE + ":");

        String first = dial(link);
        await().atMost(WAIT).until(() -> vars(first).containsKey("DATAIVR_REQUEST"));
        assertThat(vars(first).get("DB_RESULT")).as("the link taken").isEqualTo(stored);
        assertThat(vars(first)).containsEntry("DATAIVR_SESSION", session.toString())
                .containsEntry("DATAIVR_REQUEST", link).doesNotContainKeys("DATAIVR_ERROR", "AJ_AGISTATUS");
        await().atMost(WAIT).until(() -> joined.containsKey(first));
        assertThat(joined.get(first)).as("the queue of the link").isEqualTo(QUEUE);
        assertThat(hangupCauses).doesNotContainKey(first);
        await().atMost(WAIT).until(() -> calls.follows(ChannelId.of(first)));
        assertThat(stored(link)).as("taken by the call").isNull();
        assertThat(calls.openLinks()).doesNotContain(link);

        String second = dial(link);
        await().atMost(WAIT).until(() -> hangupCauses.containsKey(second));
        assertThat(hangupCauses.get(second)).as("call rejected").isEqualTo(21);
        assertThat(vars(second)).containsEntry("DATAIVR_ERROR", "VOICE_REQUEST_UNKNOWN")
                .doesNotContainKeys("DATAIVR_SESSION", "DATAIVR_REQUEST");
        assertThat(vars(second).getOrDefault("DB_RESULT", "")).isEmpty();
        assertThat(joined).as("a used link joins no queue").doesNotContainKey(second);
        sessions.end(session, "customer");
    }

    @Test
    void anUnknownLinkIsRefusedWithItsErrorCode() throws Exception {
        String call = dial("vr-nosuchlink2345678");
        await().atMost(WAIT).until(() -> hangupCauses.containsKey(call));
        assertThat(hangupCauses.get(call)).isEqualTo(21);
        assertThat(vars(call)).containsEntry("DATAIVR_ERROR", "VOICE_REQUEST_UNKNOWN")
                .doesNotContainKeys("DATAIVR_SESSION", "DATAIVR_REQUEST");
        assertThat(vars(call).getOrDefault("DB_RESULT", "")).isEmpty();
    }

    @Test
    void theLinkOfASessionThatEndedIsGoneAndRefused() throws Exception {
        UUID session = sessions.start("voice-link-contract", "en", "contract").session().id();
        String link = ((ChoiceOutcome.VoiceRequested) sessions.choose(session, "0")).request().id();
        assertThat(stored(link)).isNotNull();

        sessions.end(session, "customer");

        await().atMost(WAIT).until(() -> stored(link) == null);
        String call = dial(link);
        await().atMost(WAIT).until(() -> hangupCauses.containsKey(call));
        assertThat(hangupCauses.get(call)).isEqualTo(21);
        assertThat(vars(call)).containsEntry("DATAIVR_ERROR", "VOICE_REQUEST_UNKNOWN")
                .doesNotContainKeys("DATAIVR_SESSION", "DATAIVR_REQUEST");
    }

    @Test
    void theSweepDeletesStaleLinksAndKeepsOpenAndFreshOnes() throws Exception {
        UUID session = sessions.start("voice-link-contract", "en", "contract").session().id();
        String open = ((ChoiceOutcome.VoiceRequested) sessions.choose(session, "0")).request().id();
        String stale = "vr-stale" + UUID.randomUUID().toString().substring(0, 8);
        String fresh = "vr-fresh" + UUID.randomUUID().toString().substring(0, 8);
        // As an adapter killed before its calls (or an Asterisk restarted with its database) leaves them.
        AmiProbe.send(new DbPutAction("dataivr-link", stale, UUID.randomUUID() + ":" + QUEUE + "::1000"));
        AmiProbe.send(new DbPutAction("dataivr-link", fresh, UUID.randomUUID() + ":" + QUEUE + "::"
                + System.currentTimeMillis()));
        AmiProbe.send(new DbPutAction("dataivr-link", open, session + ":" + QUEUE + "::1000")); // old, but open
        try {
            gateway.sweepVoiceLinks(); // the one at each login or every minute may have run first

            assertThat(stored(stale)).as("stale").isNull();
            assertThat(stored(fresh)).as("written less than a minute ago (another adapter's?)").isNotNull();
            assertThat(stored(open)).as("its request is open").isNotNull();
            String call = dial(stale);
            await().atMost(WAIT).until(() -> hangupCauses.containsKey(call));
            assertThat(vars(call)).containsEntry("DATAIVR_ERROR", "VOICE_REQUEST_UNKNOWN");
        } finally {
            AmiProbe.send(new DbDelAction("dataivr-link", fresh));
            sessions.end(session, "customer");
        }
    }

    /** The link's value in Asterisk's database, or null when it has none. */
    static String stored(String link) throws Exception {
        ManagerResponse response = AmiProbe.send(new CommandAction("database get dataivr-link " + link));
        List<String> lines = response instanceof CommandResponse c && c.getResult() != null ? c.getResult() : List.of();
        return lines.stream().filter(l -> l.startsWith("Value: ")).map(l -> l.substring("Value: ".length()).strip())
                .findFirst().orElse(null);
    }

    /**
     * A Local channel dials {@code link} in dataivr-test-customer (which includes dataivr-customer); returns
     * the Uniqueid of its dialplan leg.
     */
    private String dial(String link) throws Exception {
        String id = "vl" + UUID.randomUUID().toString().substring(0, 8);
        ami.sendAction(CustomerCalls.dialling(link, id, 30), 5_000);
        return id + "-b";
    }

    private Map<String, String> vars(String uniqueId) {
        return variables.getOrDefault(uniqueId, Map.of());
    }

    private void on(ManagerEvent event) {
        if (event instanceof VarSetEvent e && e.getUniqueId() != null) {
            // Inherited variables (__NAME) are reported under their name without the underscores.
            String name = e.getVariable().replaceFirst("^_+", "");
            variables.computeIfAbsent(e.getUniqueId(), id -> new ConcurrentHashMap<>()).put(name,
                    e.getValue() == null ? "" : e.getValue());
        } else if (event instanceof QueueCallerJoinEvent e && e.getUniqueId() != null) {
            joined.put(e.getUniqueId(), e.getQueue());
        } else if (event instanceof HangupEvent e && e.getUniqueId() != null && e.getCause() != null) {
            hangupCauses.put(e.getUniqueId(), e.getCause());
        }
    }
}
