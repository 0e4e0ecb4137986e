package io.dataivr.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataivr.screen.AgentScreen;
import java.util.List;
import java.util.Map;

/**
 * The agent's screen as the agent-facing WebSocket and REST view send it (docs/protocol.md,
 * "Agent screen"): {@code caller} is absent while no customer is on the line.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScreenView(String type, String agent, String state, CallerView caller) {

    public record CallerView(String session, String client, String language, String menu, int version,
            String call, String request, List<StepView> path, ViewingView viewing) {
    }

    public record StepView(String item, List<String> labels, String kind, boolean duringCall, String at,
            Map<String, List<String>> labelsIn) {
    }

    public record ViewingView(List<String> path, List<String> labels, String kind, String since,
            Map<String, List<String>> labelsIn) {
    }

    public static ScreenView of(AgentScreen screen) {
        AgentScreen.Caller c = screen.caller();
        if (c == null) {
            return new ScreenView("screen", screen.agent(), screen.state(), null);
        }
        List<StepView> steps = c.path().stream()
                .map(s -> new StepView(s.item(), s.labels(), s.kind(), s.duringCall(), s.at().toString(), s.labelsIn()))
                .toList();
        AgentScreen.Viewing v = c.viewing();
        return new ScreenView("screen", screen.agent(), c.callState(), new CallerView(c.session(), c.clientRef(),
                c.language(), c.menu(), c.menuVersion(), c.callState(), c.request(), steps,
                new ViewingView(v.path(), v.labels(), v.kind(), v.since().toString(), v.labelsIn())));
    }
}
