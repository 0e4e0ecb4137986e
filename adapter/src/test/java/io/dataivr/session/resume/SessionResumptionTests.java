package io.dataivr.session.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataivr.fixtures.InMemoryMenuStore;
import io.dataivr.fixtures.InMemoryUsedTokenStore;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.fixtures.RecordingSessionStore;
import io.dataivr.fixtures.SessionFixtures;
import io.dataivr.menu.MenuService;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.SessionProperties;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.consult.ConsultRequest;
import io.dataivr.session.consult.SessionService;
import io.dataivr.session.token.SessionTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionResumptionTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
    private final RecordingSessionStore store = new RecordingSessionStore();
    private final SessionRegistry registry = new SessionRegistry();
    private SessionService sessions;
    private SessionResumption resumption;
    private SessionTokens tokens;

    @BeforeEach
    void setUp() throws Exception {
        sessions = sessionService(true);
        resumption = new SessionResumption(registry, sessions, Duration.ofMinutes(2), clock);
    }

    SessionService sessionService(boolean demo) throws Exception {
        SessionProperties properties = new SessionProperties("telecom", "sip:{request}@127.0.0.1",
                SessionFixtures.SECRET, demo, Duration.ofHours(24), Duration.ofMinutes(2), Duration.ofSeconds(1),
                Duration.ofMinutes(30));
        MenuService menus = new MenuService(new InMemoryMenuStore());
        menus.importFile(Files.readAllBytes(Path.of(System.getenv().getOrDefault("DATAIVR_HOME", ".."),
                "menus", "telecom.yaml")));
        tokens = new SessionTokens(properties.tokenSecret(), properties.tokenMaxLifetime(),
                new InMemoryUsedTokenStore(clock), clock);
        VoiceCallService calls = new VoiceCallService(registry, store, (id, state) -> { }, properties, clock);
        return new SessionService(menus, registry, store, calls, properties, tokens, clock);
    }

    @Test
    void aSessionResumedWithinTheGracePeriodKeepsItsPlaceAndItsLog() {
        UUID id = sessions.start("telecom", "en", "c1").session().id();
        String token = resumption.issue(id);
        sessions.choose(id, "2");
        resumption.detached(id);
        clock.advance(Duration.ofSeconds(119));
        resumption.expireOverdue();

        SessionResumption.Resumed resumed = resumption.resume(token);

        assertThat(resumed.level().path()).containsExactly("2");
        assertThat(resumed.level().title()).isEqualTo("Plans and data");
        clock.advance(Duration.ofMinutes(10));
        assertThat(resumption.expireOverdue()).isEmpty();
        sessions.choose(id, "1");
        assertThat(store.chosen).containsExactly("1:2", "2:2/1");
    }

    @Test
    void aSessionNeverResumedEndsAsExpiredOnceTheGracePeriodIsOver() {
        UUID id = sessions.start("telecom", "en", "c1").session().id();
        String token = resumption.issue(id);
        sessions.choose(id, "1");
        resumption.detached(id);
        clock.advance(Duration.ofMinutes(2));

        assertThat(resumption.expireOverdue()).containsExactly(id);

        assertThat(store.ended).singleElement().satisfies(end -> {
            assertThat(end.reason()).isEqualTo("expired");
            assertThat(end.itemsChosen()).isEqualTo(1);
        });
        assertThatThrownBy(() -> resumption.resume(token)).hasFieldOrPropertyWithValue("code", "SESSION_EXPIRED");
    }

    @Test
    void aWrongOrMalformedResumeTokenIsInvalid() {
        UUID id = sessions.start("telecom", "en", "c1").session().id();
        resumption.issue(id);

        for (String token : List.of(id + ".wrong", "garbage", "." + id, "x.y", id.toString())) {
            assertThatThrownBy(() -> resumption.resume(token)).as(token)
                    .hasFieldOrPropertyWithValue("code", "TOKEN_INVALID");
        }
        assertThatThrownBy(() -> resumption.resume(UUID.randomUUID() + ".abc"))
                .hasFieldOrPropertyWithValue("code", "SESSION_NOT_FOUND");
    }

    @Test
    void withoutDemoModeConsultNeedsAToken() throws Exception {
        SessionService strict = sessionService(false);

        assertThatThrownBy(() -> strict.start("telecom", "en", "c1")).hasFieldOrPropertyWithValue("code",
                "TOKEN_REQUIRED");
        assertThatThrownBy(() -> strict.demoToken("c1")).hasFieldOrPropertyWithValue("code", "DEMO_DISABLED");

        String token = tokens.mint("客户-42", Duration.ofMinutes(5));
        ConsultationSession session = strict.start(new ConsultRequest(null, null, null, token, "ignored")).session();
        assertThat(session.clientRef()).isEqualTo("客户-42");
        assertThatThrownBy(() -> strict.start(new ConsultRequest(null, null, null, token, null)))
                .hasFieldOrPropertyWithValue("code", "TOKEN_REPLAYED");
    }

    @Test
    void theLanguageIsTheAppsChoiceThenAcceptLanguageThenTheMenusDefault() {
        assertThat(language("en", "zh-CN")).isEqualTo("en");
        assertThat(language(null, "zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo("zh-CN");
        assertThat(language(null, "en-GB,en;q=0.9")).isEqualTo("en");
        assertThat(language(null, "zh")).isEqualTo("zh-CN");
        assertThat(language("fr", "fr-FR, de")).isEqualTo("zh-CN");
        assertThat(language("EN", null)).isEqualTo("en");
        assertThat(language(null, ";;;,q=x")).isEqualTo("zh-CN");
    }

    @Test
    void aChoiceMadeOnALevelTheSessionHasLeftIsStale() {
        UUID id = sessions.start("telecom", "en", "c1").session().id();
        sessions.choose(id, "2", List.of());

        assertThatThrownBy(() -> sessions.choose(id, "1", List.of()))
                .hasFieldOrPropertyWithValue("code", "STALE_CHOICE");
        assertThat(store.chosen).containsExactly("1:2");
    }

    private String language(String requested, String header) {
        return sessions.start(new ConsultRequest("telecom", requested, header, null, null)).session().language();
    }
}
