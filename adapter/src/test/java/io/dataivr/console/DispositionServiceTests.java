package io.dataivr.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataivr.agent.AgentProperties;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.system.DomainException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DispositionServiceTests {

    private final Map<String, String> answeredBy = new HashMap<>(Map.of("vr-abc", "agent1"));
    private final Map<String, Disposition> stored = new HashMap<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final DispositionService service = new DispositionService(new CallDispositions() {
        @Override
        public Optional<String> answeredBy(String request) {
            return Optional.ofNullable(answeredBy.get(request));
        }

        @Override
        public void record(String request, Disposition disposition) {
            stored.put(request, disposition);
        }
    }, AgentProperties.defaults().dispositions(), clock);

    @Test
    void theAgentWhoTookTheCallRecordsItsOutcomeWithANote() {
        Disposition d = service.dispose("agent1", "vr-abc", "follow-up", "  call back at 5 <b>pm</b>\n", "agent1");
        assertThat(d).isEqualTo(new Disposition("follow-up", "call back at 5 <b>pm</b>", "agent1", clock.instant()));
        assertThat(stored).containsEntry("vr-abc", d);
    }

    @Test
    void theAdminRecordsItForTheAgentWhoTookIt() {
        assertThat(service.dispose("agent1", "vr-abc", "resolved", null, "test-admin").by()).isEqualTo("test-admin");
        assertThat(stored.get("vr-abc").note()).isEmpty();
    }

    @Test
    void anotherAgentsCallIsRefusedAndNothingIsStored() {
        assertCode(() -> service.dispose("agent2", "vr-abc", "resolved", "", "agent2"), "CALL_NOT_TAKEN");
        assertThat(stored).isEmpty();
    }

    @Test
    void anUnknownOrMalformedRequestIsNotFound() {
        assertCode(() -> service.dispose("agent1", "vr-none", "resolved", "", "agent1"), "CALL_NOT_FOUND");
        assertCode(() -> service.dispose("agent1", "../x", "resolved", "", "agent1"), "CALL_NOT_FOUND");
        assertCode(() -> service.dispose("agent1", "x".repeat(65), "resolved", "", "agent1"), "CALL_NOT_FOUND");
    }

    @Test
    void anUnconfiguredCodeATooLongNoteAndControlCharactersAreRefused() {
        assertCode(() -> service.dispose("agent1", "vr-abc", "happy", "", "agent1"), "DISPOSITION_INVALID");
        assertCode(() -> service.dispose("agent1", "vr-abc", null, "", "agent1"), "DISPOSITION_INVALID");
        assertCode(() -> service.dispose("agent1", "vr-abc", "other", "x".repeat(2001), "agent1"), "DISPOSITION_INVALID");
        assertCode(() -> service.dispose("agent1", "vr-abc", "other", "bell\u0007", "agent1"), "DISPOSITION_INVALID");
        assertThat(stored).isEmpty();
        // 2000 characters that are not all in the BMP still fit: characters are counted, not UTF-16 units
        assertThat(service.dispose("agent1", "vr-abc", "other", "😀".repeat(2000), "agent1").note())
                .hasSize(4000);
    }

    private static void assertCode(Runnable action, String code) {
        assertThatThrownBy(action::run).isInstanceOf(DomainException.class).extracting("code").isEqualTo(code);
    }
}
