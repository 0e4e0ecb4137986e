package io.dataivr.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.call.ChannelId;
import io.dataivr.fixtures.InMemoryMenuStore;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.menu.LocalizedText;
import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuItem;
import io.dataivr.menu.MenuService;
import io.dataivr.screen.ScreenService;
import io.dataivr.session.CallState;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.VoiceRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallerHistoryServiceTests {

    private static final String XSS = "<img src=x onerror=alert(1)>";
    private static final Menu MENU = new Menu("telecom", 1, List.of("zh-CN", "en"),
            new LocalizedText(Map.of("zh-CN", "电信", "en", "Telecom")), List.of(
            MenuItem.submenu("2", new LocalizedText(Map.of("zh-CN", "套餐", "en", "Plans")), List.of(
                    MenuItem.content("1", new LocalizedText(Map.of("zh-CN", XSS, "en", "Data")),
                            LocalizedText.of("zh-CN", "10GB"))))));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final ScreenService screens = new ScreenService(clock);
    private final InMemoryMenuStore menuStore = new InMemoryMenuStore();
    private final List<Object[]> asked = new ArrayList<>();
    private final UUID earlier = UUID.randomUUID();
    private final CallerHistory stored = (client, current, limit) -> {
        asked.add(new Object[] {client, current, limit});
        return List.of(new EarlierSession(earlier, "telecom", 1, "en", clock.instant().minusSeconds(86_400), null,
                List.of(new EarlierSession.Item("2/1", "content", clock.instant().minusSeconds(86_000), false),
                        new EarlierSession.Item("9", "content", clock.instant().minusSeconds(85_000), true)),
                List.of(new EarlierSession.Call("vr-old", "support", "agent2", clock.instant(), "resolved", "ok"))));
    };
    private final CallerHistoryService service;

    CallerHistoryServiceTests() {
        menuStore.publish(MENU);
        service = new CallerHistoryService(screens, stored, new MenuService(menuStore));
    }

    @Test
    void noCallerOnScreenMeansNoHistoryAndNoQuery() {
        assertThat(service.ofCallerOf("agent1").sessions()).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void theCallersLatestSessionsByClientReferenceWithLabelsInEveryLanguageOfTheirMenuVersion() {
        ConsultationSession session = new ConsultationSession(UUID.randomUUID(), MENU, "en", "app-user-9", List.of(),
                new CallState.NoCall(), 0, 0, 0, clock.instant());
        screens.callChanged(session, new CallState.Ringing(new VoiceRequest("vr-new", session.id(), "support", "0",
                clock.instant()), new ChannelId("c1"), "agent1"));

        CallerHistoryService.CallerSessions history = service.ofCallerOf("agent1");

        assertThat(asked).singleElement().satisfies(a -> assertThat(a).containsExactly("app-user-9", session.id(), 5));
        assertThat(history.client()).isEqualTo("app-user-9");
        PastSession past = history.sessions().get(0);
        assertThat(past.session()).isEqualTo(earlier);
        assertThat(past.items().get(0).labels()).containsEntry("en", List.of("Plans", "Data"))
                .containsEntry("zh-CN", List.of("套餐", XSS));
        assertThat(past.items().get(1).labels()).as("an item the version does not have shows its key")
                .containsEntry("en", List.of("9"));
        assertThat(past.calls()).extracting(EarlierSession.Call::disposition).containsExactly("resolved");
    }
}
