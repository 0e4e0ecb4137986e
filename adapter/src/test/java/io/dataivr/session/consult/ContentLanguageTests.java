package io.dataivr.session.consult;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.api.Views;
import io.dataivr.fixtures.InMemoryMenuStore;
import io.dataivr.fixtures.InMemoryUsedTokenStore;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.fixtures.RecordingSessionStore;
import io.dataivr.menu.MenuService;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.SessionProperties;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.token.SessionTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A content message names the language its text is in, also when the item fell back to the default one. */
class ContentLanguageTests {

    private static final String SECRET = "content-language-tests-secret-0123456789abcdef";
    private static final String MENU = """
            menu: shop
            languages: [en, zh-CN]
            title: {en: Shop, zh-CN: 商店}
            items:
              - key: "1"
                label: {en: Hours, zh-CN: 营业时间}
                content: {en: "9 to 5", zh-CN: "九点到五点"}
              - key: "2"
                label: {en: Returns, zh-CN: 退货}
                content: {en: "Within 30 days"}
            """;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
    private final RecordingSessionStore store = new RecordingSessionStore();
    private final SessionService sessions = sessions();

    @Test
    void aTextInTheSessionsLanguageSaysThatLanguage() {
        UUID id = sessions.start("shop", "zh-CN", "app").session().id();

        ChoiceOutcome.ContentShown shown = (ChoiceOutcome.ContentShown) sessions.choose(id, "1");

        assertThat(shown.text()).isEqualTo("九点到五点");
        assertThat(Views.ContentView.of(shown).language()).isEqualTo("zh-CN");
    }

    @Test
    void aTextThatFellBackToTheDefaultLanguageSaysTheDefaultLanguageAndIsLoggedSo() {
        UUID id = sessions.start("shop", "zh-Hans-CN", "app").session().id();

        ChoiceOutcome.ContentShown shown = (ChoiceOutcome.ContentShown) sessions.choose(id, "2");
        sessions.contentSent(id, shown);

        assertThat(sessions.level(id).language()).isEqualTo("zh-CN");
        assertThat(shown.text()).isEqualTo("Within 30 days");
        assertThat(Views.ContentView.of(shown).language()).isEqualTo("en");
        assertThat(store.delivered).containsExactly("2:en");
    }

    private SessionService sessions() {
        SessionProperties properties = new SessionProperties("shop", "sip:{request}@127.0.0.1", SECRET, true,
                Duration.ofHours(24), Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofMinutes(30));
        MenuService menus = new MenuService(new InMemoryMenuStore());
        menus.importFile(MENU.getBytes(StandardCharsets.UTF_8));
        SessionRegistry registry = new SessionRegistry();
        VoiceCallService calls = new VoiceCallService(registry, store, (id, state) -> { }, properties, clock);
        return new SessionService(menus, registry, store, calls, properties,
                new SessionTokens(SECRET, properties.tokenMaxLifetime(), new InMemoryUsedTokenStore(clock), clock),
                clock);
    }
}
