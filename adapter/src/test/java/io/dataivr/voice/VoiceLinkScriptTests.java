package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.fixtures.InMemoryUsedTokenStore;
import io.dataivr.fixtures.SessionFixtures;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.consult.SessionService;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.VoiceRequest;
import java.util.ArrayList;
import java.util.List;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.junit.jupiter.api.Test;

/** What the voice-link script reads from the AGI request and how it packs its one answer. */
class VoiceLinkScriptTests {

    @Test
    void theCallersEndpointIsTheScriptsFirstArgumentAndEmptyMeansNone() {
        assertThat(VoiceLinkScript.endpointOf(request(new String[] {"dev-abc"}))).isEqualTo("dev-abc");
        assertThat(VoiceLinkScript.endpointOf(request(new String[] {" customer1 "}))).isEqualTo("customer1");
        assertThat(VoiceLinkScript.endpointOf(request(new String[] {""}))).as("a Local channel").isNull();
        assertThat(VoiceLinkScript.endpointOf(request(new String[0]))).isNull();
        assertThat(VoiceLinkScript.endpointOf(request(null))).isNull();
    }

    @Test
    void theOneVariableAnswerIsWhatTheDialplanAsksForWithItsSecondArgument() {
        assertThat(VoiceLinkScript.answersWithLink(request(new String[] {"dev-abc", "link"}))).isTrue();
        assertThat(VoiceLinkScript.answersWithLink(request(new String[] {"", "link"}))).isTrue();
        assertThat(VoiceLinkScript.answersWithLink(request(new String[] {"dev-abc"}))).isFalse();
        assertThat(VoiceLinkScript.answersWithLink(request(null))).as("an older dialplan").isFalse();
    }

    @Test
    void theLinkIsTheSessionThenTheQueueSeparatedByAColon() {
        UUID session = UUID.fromString("9c580c77-ceb2-409f-9293-505a9b87f5b0");
        VoiceRequest request = new VoiceRequest("vr-abc", session, "support_2-b", "0", Instant.EPOCH);

        String link = VoiceLinkScript.linkValue(request);

        assertThat(link).isEqualTo("9c580c77-ceb2-409f-9293-505a9b87f5b0:support_2-b");
        assertThat(link.split(":")).as("what CUT(DATAIVR_LINK,:,1) and (…,2) give").containsExactly(
                session.toString(), "support_2-b");
    }

    @Test
    void aLinkedCallIsHandedToTheGatewayToFollowBeforeItJoinsTheQueue() throws Exception {
        java.time.Clock clock = java.time.Clock.systemUTC();
        SessionFixtures.Demo demo = SessionFixtures.demo(clock, new InMemoryUsedTokenStore(clock));
        SessionService sessions = demo.sessions();
        VoiceCallService calls = demo.calls();
        UUID session = sessions.start(null, "en", "script").session().id();
        String requestId = ((ChoiceOutcome.VoiceRequested) sessions.choose(session, "0")).request().id();
        List<String> followed = new ArrayList<>();
        Map<String, String> set = new java.util.HashMap<>();
        VoiceLinkScript script = new VoiceLinkScript(calls,
                (uniqueId, channel, queue) -> followed.add(uniqueId + " " + channel + " " + queue));

        Map<String, Object> call = new java.util.HashMap<>();
        call.put("getArguments", new String[] {"", "link"});
        call.put("getExtension", requestId);
        call.put("getUniqueId", "1700000000.7");
        call.put("getChannel", "Local/" + requestId + "@dataivr-customer-00000007;2");
        AgiRequest agiRequest = (AgiRequest) Proxy.newProxyInstance(AgiRequest.class.getClassLoader(),
                new Class<?>[] {AgiRequest.class}, (proxy, method, args) -> call.get(method.getName()));
        AgiChannel channel = (AgiChannel) Proxy.newProxyInstance(AgiChannel.class.getClassLoader(),
                new Class<?>[] {AgiChannel.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setVariable")) {
                        set.put((String) args[0], (String) args[1]);
                    }
                    return null;
                });

        script.service(agiRequest, channel);

        assertThat(set).containsEntry(VoiceLinkScript.LINK, session + ":support");
        assertThat(followed).containsExactly("1700000000.7 Local/" + requestId + "@dataivr-customer-00000007;2 support");
    }

    private static AgiRequest request(String[] arguments) {
        Map<String, Object> answers = new java.util.HashMap<>();
        answers.put("getArguments", arguments);
        return (AgiRequest) Proxy.newProxyInstance(AgiRequest.class.getClassLoader(), new Class<?>[] {AgiRequest.class},
                (proxy, method, args) -> answers.get(method.getName()));
    }
}
