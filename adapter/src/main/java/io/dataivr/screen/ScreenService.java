package io.dataivr.screen;

import io.dataivr.menu.Menu;
import io.dataivr.session.BrowsingStep;
import io.dataivr.session.CallState;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.SessionActivityListener;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's screen pop (claims 4-5): follows every open session's browsing and, while a session
 * is ringing or talking to an agent, keeps that agent's screen up to date and pushes each change.
 */
public class ScreenService implements SessionActivityListener {

    private static final Logger log = LoggerFactory.getLogger(ScreenService.class);
    /** The most steps a trail keeps (the latest): a session may browse for hours. */
    static final int MAX_STEPS = 200;

    private final Clock clock;
    private final Map<UUID, Trail> trails = new HashMap<>();
    private final Map<String, UUID> sessionOfAgent = new HashMap<>();
    private final List<ScreenListener> listeners = new CopyOnWriteArrayList<>();

    public ScreenService(Clock clock) {
        this.clock = clock;
    }

    public void subscribe(ScreenListener listener) {
        listeners.add(listener);
    }

    public void unsubscribe(ScreenListener listener) {
        listeners.remove(listener);
    }

    public synchronized AgentScreen screenOf(String agent) {
        UUID sessionId = sessionOfAgent.get(agent);
        Trail trail = sessionId == null ? null : trails.get(sessionId);
        if (trail == null) {
            return AgentScreen.idle(agent);
        }
        return new AgentScreen(agent, trail.callState, trail.caller());
    }

    @Override
    public void chose(ConsultationSession session, BrowsingStep step) {
        String agent;
        synchronized (this) {
            Trail trail = trail(session);
            if (trail.steps.size() >= MAX_STEPS) {
                trail.steps.removeFirst();
            }
            Map<String, List<String>> labelsIn = labelsIn(session.menu(), step.path());
            trail.steps.addLast(new AgentScreen.Step(String.join("/", step.path()), step.labels(), step.kind(),
                    step.duringCall(), step.at(), labelsIn));
            if ("content".equals(step.kind())) {
                trail.viewing = new AgentScreen.Viewing(step.path(), step.labels(), "content", step.at(), labelsIn);
            } else if ("submenu".equals(step.kind())) { // the session is at the level it chose: same labels
                trail.viewing = new AgentScreen.Viewing(step.path(), step.labels(), "menu", step.at(), labelsIn);
            } else {
                trail.viewing = level(session, session.path());
            }
            agent = trail.agent;
        }
        push(agent);
    }

    @Override
    public void movedBack(ConsultationSession session) {
        String agent;
        synchronized (this) {
            Trail trail = trail(session);
            trail.viewing = level(session, session.path());
            agent = trail.agent;
        }
        push(agent);
    }

    @Override
    public void callChanged(ConsultationSession session, CallState state) {
        String before;
        String after = null;
        synchronized (this) {
            Trail trail = trail(session);
            before = trail.agent;
            if (state instanceof CallState.Ringing ringing) {
                after = ringing.agent();
                trail.request = ringing.request().id();
            } else if (state instanceof CallState.Talking talking) {
                after = talking.agent();
                trail.request = talking.request().id();
            }
            trail.callState = state.name();
            if (before != null && !before.equals(after)) {
                sessionOfAgent.remove(before, session.id());
            }
            trail.agent = after;
            if (after != null) {
                sessionOfAgent.put(after, session.id());
                log.debug("agent {} screen: session {} ({})", after, session.id(), state.name());
            }
        }
        if (before != null && !before.equals(after)) {
            push(before);
        }
        push(after);
    }

    @Override
    public void ended(UUID sessionId) {
        String agent;
        synchronized (this) {
            Trail trail = trails.remove(sessionId);
            agent = trail == null ? null : trail.agent;
            if (agent != null) {
                sessionOfAgent.remove(agent, sessionId);
            }
        }
        push(agent);
    }

    private void push(String agent) {
        if (agent == null || listeners.isEmpty()) {
            return;
        }
        AgentScreen screen = screenOf(agent);
        for (ScreenListener listener : listeners) {
            try {
                listener.screenChanged(screen);
            } catch (RuntimeException e) {
                log.info("could not push agent {}'s screen: {}", agent, e.toString());
            }
        }
    }

    private Trail trail(ConsultationSession session) {
        return trails.computeIfAbsent(session.id(), id -> new Trail(session, level(session, session.path())));
    }

    private AgentScreen.Viewing level(ConsultationSession session, List<String> path) {
        Menu menu = session.menu();
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= path.size(); i++) {
            labels.add(menu.find(path.subList(0, i))
                    .map(item -> item.label().in(session.language(), menu.defaultLanguage()))
                    .orElse(path.get(i - 1)));
        }
        return new AgentScreen.Viewing(path, labels, "menu", clock.instant(), labelsIn(menu, path));
    }

    /** The labels from the top to {@code path} in each language of the menu (a missing item: its key). */
    static Map<String, List<String>> labelsIn(Menu menu, List<String> path) {
        Map<String, List<String>> byLanguage = new LinkedHashMap<>();
        for (String language : menu.languages()) {
            List<String> labels = new ArrayList<>(path.size());
            for (int i = 1; i <= path.size(); i++) {
                labels.add(menu.find(path.subList(0, i)).map(item -> item.label().in(language, menu.defaultLanguage()))
                        .orElse(path.get(i - 1)));
            }
            byLanguage.put(language, List.copyOf(labels));
        }
        return byLanguage;
    }

    /** What is known of one open session. Guarded by the service's lock. */
    private static final class Trail {
        private final ConsultationSession session;
        private final ArrayDeque<AgentScreen.Step> steps = new ArrayDeque<>();
        private AgentScreen.Viewing viewing;
        private String agent;
        private String request;
        private String callState = "none";

        Trail(ConsultationSession session, AgentScreen.Viewing viewing) {
            this.session = session;
            this.viewing = viewing;
        }

        AgentScreen.Caller caller() {
            return new AgentScreen.Caller(session.id().toString(), session.clientRef(), session.language(),
                    session.menu().id(), session.menu().version(), callState, request, List.copyOf(steps), viewing);
        }
    }
}
