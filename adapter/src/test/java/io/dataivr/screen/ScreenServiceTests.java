package io.dataivr.screen;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.call.ChannelId;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.menu.LocalizedText;
import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuItem;
import io.dataivr.session.BrowsingStep;
import io.dataivr.session.CallState;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.VoiceRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScreenServiceTests {

    private static final Menu MENU = new Menu("telecom", 3, List.of("en"), LocalizedText.of("en", "Telecom"), List.of(
            MenuItem.content("1", LocalizedText.of("en", "Balance"), LocalizedText.of("en", "58 CNY")),
            MenuItem.submenu("2", LocalizedText.of("en", "Plans"), List.of(
                    MenuItem.content("1", LocalizedText.of("en", "Data packs"), LocalizedText.of("en", "10 GB")))),
            MenuItem.voice("0", LocalizedText.of("en", "Agent"), "support")));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
    private final ScreenService screens = new ScreenService(clock);
    private final List<AgentScreen> pushed = new ArrayList<>();
    private final ConsultationSession session = new ConsultationSession(UUID.randomUUID(), MENU, "en", "app-user-7",
            List.of(), new CallState.NoCall(), 0, 0, 0, clock.instant());
    private final VoiceRequest request = new VoiceRequest("vr-test", session.id(), "support", "0", clock.instant());

    ScreenServiceTests() {
        screens.subscribe(pushed::add);
    }

    @Test
    void anAgentSeesNobodyUntilACustomerRingsThem() {
        screens.chose(session, step(List.of("1"), List.of("Balance"), "content", false));
        assertThat(screens.screenOf("agent2")).isEqualTo(AgentScreen.idle("agent2"));
        assertThat(pushed).isEmpty();
    }

    @Test
    void theRingingAgentSeesWhoCallsThePathTheyTookAndWhatTheyViewNow() {
        screens.chose(session, step(List.of("1"), List.of("Balance"), "content", false));
        screens.chose(session, step(List.of("0"), List.of("Agent"), "voice", false));
        screens.callChanged(session, new CallState.Ringing(request, new ChannelId("chan-1"), "agent2"));

        AgentScreen screen = screens.screenOf("agent2");
        assertThat(screen.state()).isEqualTo("ringing");
        assertThat(screen.caller().session()).isEqualTo(session.id().toString());
        assertThat(screen.caller().clientRef()).isEqualTo("app-user-7");
        assertThat(screen.caller().request()).isEqualTo("vr-test");
        assertThat(screen.caller().path()).extracting(AgentScreen.Step::item).containsExactly("1", "0");
        assertThat(screen.caller().viewing().path()).isEmpty();
        assertThat(pushed).extracting(AgentScreen::agent).containsExactly("agent2");
    }

    @Test
    void browsingDuringTheCallIsPushedToTheAgentAsItHappens() {
        screens.callChanged(session, new CallState.Talking(request, new ChannelId("chan-1"), "agent2"));
        ConsultationSession inPlans = session.at(List.of("2"));
        screens.chose(inPlans, step(List.of("2"), List.of("Plans"), "submenu", true));
        screens.chose(inPlans, step(List.of("2", "1"), List.of("Plans", "Data packs"), "content", true));

        AgentScreen last = pushed.get(pushed.size() - 1);
        assertThat(last.state()).isEqualTo("talking");
        assertThat(last.caller().path()).extracting(AgentScreen.Step::item, AgentScreen.Step::duringCall)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2", true),
                        org.assertj.core.groups.Tuple.tuple("2/1", true));
        assertThat(last.caller().viewing().labels()).containsExactly("Plans", "Data packs");
        assertThat(last.caller().viewing().kind()).isEqualTo("content");

        screens.movedBack(session);
        assertThat(screens.screenOf("agent2").caller().viewing().path()).isEmpty();
        assertThat(screens.screenOf("agent2").caller().viewing().kind()).isEqualTo("menu");
    }

    @Test
    void theScreenClearsWhenTheCallEnds() {
        screens.callChanged(session, new CallState.Talking(request, new ChannelId("chan-1"), "agent2"));
        screens.callChanged(session, new CallState.NoCall());
        assertThat(screens.screenOf("agent2")).isEqualTo(AgentScreen.idle("agent2"));
        assertThat(pushed.get(pushed.size() - 1)).isEqualTo(AgentScreen.idle("agent2"));

        screens.callChanged(session, new CallState.Talking(request, new ChannelId("chan-1"), "agent3"));
        screens.ended(session.id());
        assertThat(screens.screenOf("agent3")).isEqualTo(AgentScreen.idle("agent3"));
    }

    private BrowsingStep step(List<String> path, List<String> labels, String kind, boolean duringCall) {
        return new BrowsingStep(path, labels, kind, duringCall, clock.instant());
    }

    @Test
    void eachStepAndWhatTheCallerViewsCarryTheirLabelsInEveryLanguageOfTheMenuForTheAgentsOwn() {
        Menu bilingual = new Menu("telecom", 4, List.of("zh-CN", "en"),
                new LocalizedText(java.util.Map.of("zh-CN", "电信", "en", "Telecom")), List.of(
                MenuItem.submenu("2", new LocalizedText(java.util.Map.of("zh-CN", "套餐", "en", "Plans")), List.of(
                        MenuItem.content("1", LocalizedText.of("zh-CN", "流量包"), LocalizedText.of("zh-CN", "10GB"))))));
        ConsultationSession chinese = new ConsultationSession(UUID.randomUUID(), bilingual, "zh-CN", "app-user-8",
                List.of(), new CallState.NoCall(), 0, 0, 0, clock.instant());
        screens.callChanged(chinese, new CallState.Talking(request, new ChannelId("chan-2"), "agent3"));
        screens.chose(chinese.at(List.of("2")), step(List.of("2", "1"), List.of("套餐", "流量包"), "content", true));

        AgentScreen.Caller caller = screens.screenOf("agent3").caller();
        assertThat(caller.path().get(0).labelsIn()).containsEntry("en", List.of("Plans", "流量包"))
                .containsEntry("zh-CN", List.of("套餐", "流量包"));
        assertThat(caller.viewing().labelsIn().get("en")).containsExactly("Plans", "流量包");
    }
}
