package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.call.ChannelId;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.fixtures.InMemoryUsedTokenStore;
import io.dataivr.fixtures.SessionFixtures;
import io.dataivr.session.CallState;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.consult.SessionService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.asteriskjava.manager.event.VarSetEvent;
import org.junit.jupiter.api.Test;

/** How the adapter learns that a call took its voice link in the dialplan (AMI VarSet), and what it does then. */
class VoiceLinkEventsTests {

    private final Clock clock = Clock.systemUTC();
    private final SessionFixtures.Demo demo = SessionFixtures.demo(clock, new InMemoryUsedTokenStore(clock));
    private final SessionService sessions = demo.sessions();
    private final VoiceCallService calls = demo.calls();
    private final List<QueueCallEvent> told = new ArrayList<>();
    private final QueueCallerTracker callers = new QueueCallerTracker((delay, task) -> false, told::add);
    private final List<String> rejected = new ArrayList<>();
    private final VoiceLinkEvents links = new VoiceLinkEvents(calls, callers, Runnable::run, rejected::add);

    @Test
    void theEndpointIsThePjsipChannelNameWithoutItsSequenceNumber() {
        assertThat(VoiceLinkEvents.endpointOf("PJSIP/dev-ab12cd-0000001f")).isEqualTo("dev-ab12cd");
        assertThat(VoiceLinkEvents.endpointOf("PJSIP/customer1-00000002")).isEqualTo("customer1");
        assertThat(VoiceLinkEvents.endpointOf("Local/vr-abc@dataivr-test-customer-00000007;2")).as("no endpoint")
                .isNull();
        assertThat(VoiceLinkEvents.endpointOf(null)).isNull();
    }

    @Test
    void onlyTheDialplansVariableOnTheCallingLegSaysALinkWasTaken() {
        assertThat(VoiceLinkEvents.isLinkTaken(varSet("DATAIVR_REQUEST", "vr-abc", "vr-abc"))).isTrue();
        assertThat(VoiceLinkEvents.isLinkTaken(varSet("DATAIVR_REQUEST", "vr-abc", null))).isTrue();
        assertThat(VoiceLinkEvents.isLinkTaken(varSet("__DATAIVR_REQUEST", "vr-abc", "vr-abc")))
                .as("a dialplan that still makes it inherited").isTrue();
        assertThat(VoiceLinkEvents.isLinkTaken(varSet("__DATAIVR_REQUEST", "vr-abc", "s"))).as("another leg")
                .isFalse();
        assertThat(VoiceLinkEvents.isLinkTaken(varSet("DATAIVR_SESSION", "vr-abc", "vr-abc"))).isFalse();
        assertThat(VoiceLinkEvents.isLinkTaken(varSet("DATAIVR_REQUEST", "", "vr-abc"))).isFalse();
    }

    @Test
    void aTakenLinkIsClaimedAndItsCallFollowedBeforeItJoinsTheQueue() {
        UUID session = sessions.start(null, "en", "events").session().id();
        String requestId = ((ChoiceOutcome.VoiceRequested) sessions.choose(session, "0")).request().id();
        assertThat(calls.openLinks()).contains(requestId);

        links.taken(varSet("DATAIVR_REQUEST", requestId, requestId));

        assertThat(calls.openLinks()).as("claimed: no longer open").doesNotContain(requestId);
        assertThat(calls.follows(ChannelId.of("1700000000.7"))).isTrue();
        assertThat(callers.channelOf("1700000000.7")).as("known for a hang-up").isEqualTo(channel(requestId));
        assertThat(rejected).isEmpty();
        callers.hungUp("1700000000.7");
        assertThat(told).as("its hang-up is told even though it never joined").singleElement()
                .isInstanceOf(QueueCallEvent.CallerHungUp.class);
    }

    @Test
    void aSecondCallOnTheSameLinkIsHungUpAndACallOnALinkThisAdapterNeverMadeIsLeftAlone() {
        UUID session = sessions.start(null, "en", "events").session().id();
        String requestId = ((ChoiceOutcome.VoiceRequested) sessions.choose(session, "0")).request().id();
        links.taken(varSet("DATAIVR_REQUEST", requestId, requestId));

        VarSetEvent second = varSet("DATAIVR_REQUEST", requestId, requestId);
        second.setUniqueId("1700000000.9");
        second.setChannel("Local/second-00000009;2");
        links.taken(second);
        VarSetEvent unknown = varSet("DATAIVR_REQUEST", "vr-nosuchlink", "vr-nosuchlink");
        unknown.setChannel("Local/unknown-0000000a;2");
        links.taken(unknown);

        assertThat(rejected).as("another adapter's link, or a previous run's: not ours to judge")
                .containsExactly("Local/second-00000009;2");
        assertThat(calls.follows(ChannelId.of("1700000000.9"))).isFalse();
    }

    @Test
    void aLinkCancelledBeforeTheAdapterHeardOfItsCallHangsTheCallUp() {
        UUID session = sessions.start(null, "en", "events").session().id();
        String requestId = ((ChoiceOutcome.VoiceRequested) sessions.choose(session, "0")).request().id();
        calls.hangUp(session); // the customer gave up as the phone dialled

        links.taken(varSet("DATAIVR_REQUEST", requestId, requestId));

        assertThat(rejected).containsExactly(channel(requestId));
        assertThat(calls.openLinks()).isEmpty();
    }

    @Test
    void theSweepDeletesOnlyLinksNeitherOpenNorJustWritten() {
        List<String> lines = List.of(
                "/dataivr-link/vr-open                     : s1:support:dev-a:1000",
                "/dataivr-link/vr-stale                    : s2:support::1000",
                "/dataivr-link/vr-fresh                    : s3:support:dev-c:90000",
                "/dataivr-link/vr-nodate                   : s4:support:dev-d",
                "4 results found.");

        assertThat(AmiVoiceLinks.stale(lines, Set.of("vr-open"), 60_000)).containsExactly("vr-stale", "vr-nodate");
    }

    @Test
    void theLinkFiltersAskForTheDialplansVarSetOnly() {
        assertThat(AmiEventDispatcher.filters(true)).extracting(Object::toString)
                .contains("action(include),name(VarSet),header(Variable),method(exact) = DATAIVR_REQUEST",
                        "action(include),name(VarSet),header(Variable),method(exact) = __DATAIVR_REQUEST");
        java.util.regex.Pattern older = java.util.regex.Pattern.compile(
                AmiEventDispatcher.EVENTS.replace("[[:space:]]", "\\s"), java.util.regex.Pattern.DOTALL);
        assertThat(older.matcher("Event: VarSet\r\nChannel: x\r\nVariable: __DATAIVR_REQUEST\r\nValue: vr-a\r\n")
                .find()).isTrue();
        assertThat(older.matcher("Event: VarSet\r\nChannel: x\r\nVariable: DATAIVR_REQUEST\r\nValue: vr-a\r\n")
                .find()).isTrue();
        assertThat(older.matcher("Event: VarSet\r\nChannel: x\r\nVariable: __DATAIVR_SESSION\r\nValue: 1\r\n")
                .find()).isFalse();
    }

    private static String channel(String requestId) {
        return "Local/" + requestId + "@dataivr-test-customer-00000007;2";
    }

    private static VarSetEvent varSet(String variable, String value, String exten) {
        VarSetEvent event = new VarSetEvent(new Object());
        event.setVariable(variable);
        event.setValue(value);
        event.setExten(exten);
        event.setUniqueId("1700000000.7");
        event.setChannel(channel(value));
        return event;
    }
}
