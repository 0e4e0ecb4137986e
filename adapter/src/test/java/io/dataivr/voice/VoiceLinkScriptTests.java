package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.session.VoiceRequest;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
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

    private static AgiRequest request(String[] arguments) {
        Map<String, Object> answers = new java.util.HashMap<>();
        answers.put("getArguments", arguments);
        return (AgiRequest) Proxy.newProxyInstance(AgiRequest.class.getClassLoader(), new Class<?>[] {AgiRequest.class},
                (proxy, method, args) -> answers.get(method.getName()));
    }
}
