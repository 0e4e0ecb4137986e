package io.dataivr.session;

import io.dataivr.agent.CallInProgress;
import io.dataivr.menu.MenuService;
import io.dataivr.system.DomainException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After an adapter restart (or AMI reconnect): links each DataIVR call Asterisk still holds to its
 * voice request and session again, from what the database holds. A session this process does not
 * have (its app's connection died with the old process, and its resume secret with it) is restored
 * without an app, at its menu's top level, and ends ("call-ended-after-restart") when its call ends,
 * so its call and session records are closed as usual.
 */
public class SessionRecovery {

    private static final Logger log = LoggerFactory.getLogger(SessionRecovery.class);

    private final RecoverableCalls records;
    private final MenuService menus;
    private final SessionRegistry registry;
    private final VoiceCallService calls;

    public SessionRecovery(RecoverableCalls records, MenuService menus, SessionRegistry registry,
            VoiceCallService calls) {
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

    private void link(CallInProgress call, RecoveredCall stored) {
        VoiceRequest request = stored.request();
        boolean headless = false;
        if (stored.sessionEndedAt() == null && registry.find(request.sessionId()).isEmpty()) {
            registry.put(new ConsultationSession(request.sessionId(),
                    menus.version(stored.menuId(), stored.menuVersion()), stored.language(), stored.clientRef(),
                    List.of(), new CallState.NoCall(), stored.itemsChosen(), stored.contentsSent(),
                    stored.voiceCalls(), stored.sessionStartedAt()));
            headless = true;
            log.info("session {} restored for its call {} (its app is not connected)", request.sessionId(),
                    call.callerChannelId());
        }
        CallState state = call.agent() == null ? new CallState.Queued(request, call.callerChannelId(), 0)
                : call.answered() ? new CallState.Talking(request, call.callerChannelId(), call.agent())
                : new CallState.Ringing(request, call.callerChannelId(), call.agent());
        calls.relink(stored, call.callerChannelId(), state, headless);
    }
}
