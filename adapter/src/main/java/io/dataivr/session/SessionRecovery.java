package io.dataivr.session;

import io.dataivr.agent.CallInProgress;
import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuItem;
import io.dataivr.menu.MenuService;
import io.dataivr.system.DomainException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After an adapter restart (or AMI reconnect): links each DataIVR call Asterisk still holds to its
 * voice request and session again, from what the database holds. A session this process does not
 * have (its app's connection died with the old process) is restored on the menu version it ran on,
 * at the menu level it was at, and with the hash of its resume secret: its app can resume it with
 * the resume token it holds. Until it does, the session is without an app and ends
 * ("call-ended-after-restart") when its call ends, so its call and session records are closed as
 * usual; once resumed, it goes on after the call like any other.
 */
public class SessionRecovery {

    private static final Logger log = LoggerFactory.getLogger(SessionRecovery.class);

    private final RecoverableCalls records;
    private final MenuService menus;
    private final SessionRegistry registry;
    private final VoiceCallService calls;
    private final SessionResumption resumption;

    public SessionRecovery(RecoverableCalls records, MenuService menus, SessionRegistry registry,
            VoiceCallService calls, SessionResumption resumption) {
        this.resumption = resumption;
        this.records = records;
        this.menus = menus;
        this.registry = registry;
        this.calls = calls;
    }

    /** Links the calls again; returns how many were linked now. */
    public int recover(List<CallInProgress> inProgress) {
        int linked = 0;
        for (CallInProgress call : inProgress) {
            if (call.voiceRequest() == null || calls.follows(call.callerChannelId())) {
                continue;
            }
            try {
                Optional<RecoveredCall> found = records.ofRequest(call.voiceRequest());
                if (found.isEmpty()) {
                    log.warn("call {} names voice request {}, which the database does not hold",
                            call.callerChannelId(), call.voiceRequest());
                    continue;
                }
                link(call, found.get());
                linked++;
            } catch (DomainException e) {
                log.warn("call {} could not be linked again: {}", call.callerChannelId(), e.getMessage());
            }
        }
        return linked;
    }

    /** The stored level if it is a level of this menu version (the top, or a sub-menu), else the top. */
    private static List<String> levelOf(Menu menu, List<String> path) {
        if (path.isEmpty() || menu.find(path).map(item -> item.kind() == MenuItem.Kind.SUBMENU).orElse(false)) {
            return path;
        }
        log.warn("stored menu level /{} is not a sub-menu of menu {} v{}: restored at the top",
                String.join("/", path), menu.id(), menu.version());
        return List.of();
    }

    private void link(CallInProgress call, RecoveredCall stored) {
        VoiceRequest request = stored.request();
        boolean headless = false;
        if (stored.sessionEndedAt() == null && registry.find(request.sessionId()).isEmpty()) {
            Menu menu = menus.version(stored.menuId(), stored.menuVersion());
            List<String> path = levelOf(menu, stored.path());
            registry.put(new ConsultationSession(request.sessionId(), menu, stored.language(), stored.clientRef(),
                    path, new CallState.NoCall(), stored.itemsChosen(), stored.contentsSent(),
                    stored.voiceCalls(), stored.sessionStartedAt()));
            resumption.restored(request.sessionId(), stored.resumeHash());
            headless = true;
            log.info("session {} restored for its call {} on menu {} v{} at /{} (its app is not connected)",
                    request.sessionId(), call.callerChannelId(), menu.id(), menu.version(), String.join("/", path));
        }
        CallState state = call.agent() == null ? new CallState.Queued(request, call.callerChannelId(), 0)
                : call.answered() ? new CallState.Talking(request, call.callerChannelId(), call.agent())
                : new CallState.Ringing(request, call.callerChannelId(), call.agent());
        calls.relink(stored, call.callerChannelId(), state, headless);
    }
}
