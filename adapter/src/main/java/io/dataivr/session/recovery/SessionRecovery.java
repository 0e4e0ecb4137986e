package io.dataivr.session.recovery;

import io.dataivr.call.CallInProgress;
import io.dataivr.call.CallOutcome;
import io.dataivr.call.ChannelId;
import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuItem;
import io.dataivr.menu.MenuService;
import io.dataivr.session.CallState;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.RecoveredCall;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.VoiceRequest;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.resume.SessionResumption;
import io.dataivr.system.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After an adapter restart (or AMI reconnect): links each DataIVR call Asterisk still holds to its
 * voice request and session again, from what the database holds. A session this process does not
 * have (its app's connection died with the old process) is restored on the menu version it ran on,
 * at the menu level it was at, and with the hash of its resume secret: its app can resume it with
 * the resume token it holds. Until it does, the session is without an app and ends
 * ("call-ended-after-restart") when its call ends, so its call and session records are closed as
 * usual; once resumed, it goes on after the call like any other. Calls the database holds open
 * that Asterisk no longer has ended while no adapter ran: they are closed, and their sessions, which
 * no app can resume any more, are ended with their end records ({@link #closeEndedWhileDown}).
 */
public class SessionRecovery {

    private static final Logger log = LoggerFactory.getLogger(SessionRecovery.class);

    private final RecoverableCalls records;
    private final MenuService menus;
    private final SessionRegistry registry;
    private final VoiceCallService calls;
    private final SessionResumption resumption;
    /** Where a restored session's REST secret goes (the REST transport's sessions). */
    private final BiConsumer<UUID, byte[]> restOwned;
    private final Clock clock;
    /** Calls requested before this are an earlier adapter's: only those may be closed as ended while down. */
    private final Instant startedAt;

    public SessionRecovery(RecoverableCalls records, MenuService menus, SessionRegistry registry,
            VoiceCallService calls, SessionResumption resumption, Clock clock) {
        this(records, menus, registry, calls, resumption, (id, hash) -> { }, clock);
    }

    /** @param restOwned told the REST secret hash of each restored session opened over REST */
    public SessionRecovery(RecoverableCalls records, MenuService menus, SessionRegistry registry,
            VoiceCallService calls, SessionResumption resumption, BiConsumer<UUID, byte[]> restOwned,
            Clock clock) {
        this.restOwned = restOwned;
        this.resumption = resumption;
        this.clock = clock;
        this.startedAt = clock.instant();
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

    /**
     * Closes the calls an earlier adapter left open in the database that Asterisk no longer holds (they
     * ended while no adapter ran: {@link CallOutcome#ENDED_WHILE_ADAPTER_DOWN}), and ends their sessions that no one can
     * resume any more (this process does not hold them). Call only with a complete reading of Asterisk:
     * {@code inProgress} its DataIVR queue calls, {@code channels} the Uniqueid of every channel it has.
     *
     * @return how many calls were closed
     */
    public int closeEndedWhileDown(List<CallInProgress> inProgress, Set<ChannelId> channels) {
        Set<String> liveRequests = new HashSet<>();
        inProgress.forEach(call -> {
            if (call.voiceRequest() != null) {
                liveRequests.add(call.voiceRequest());
            }
        });
        ClosedWhileDown closed = records.closeEndedWhileDown(liveRequests, channels, registry.ids(), startedAt,
                CallOutcome.ENDED_WHILE_ADAPTER_DOWN, clock.instant());
        if (!closed.calls().isEmpty()) {
            log.info("{} calls ended while no adapter ran were closed ({}); {} of their sessions ended with them",
                    closed.calls().size(), CallOutcome.ENDED_WHILE_ADAPTER_DOWN, closed.sessions().size());
        }
        return closed.calls().size();
    }

    /** What this adapter follows as a read of Asterisk's channels begins (for {@link #closeGone}). */
    public VoiceCallService.Followed followed() {
        return calls.followed();
    }

    /**
     * Ends the calls this adapter followed (since before {@code before}) that Asterisk no longer holds:
     * they ended while no event could reach the adapter ({@link VoiceCallService#closeGone}).
     */
    public int closeGone(VoiceCallService.Followed before, Set<ChannelId> channels, CallOutcome outcome) {
        int closed = calls.closeGone(before, channels, outcome);
        if (closed > 0) {
            log.info("{} calls followed by this adapter were gone from Asterisk: ended ({})", closed, outcome);
        }
        return closed;
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
            if (stored.restSecretHash() != null) {
                restOwned.accept(request.sessionId(), stored.restSecretHash());
            }
            headless = true;
            log.info("session {} restored for its call {} on menu {} v{} at /{} (its app is not connected)",
                    request.sessionId(), call.callerChannelId(), menu.id(), menu.version(), String.join("/", path));
        }
        CallState state = call.agent() == null ? new CallState.Queued(request, call.callerChannelId(), 0, null,
                CallState.NoEstimate.POSITION_UNKNOWN)
                : call.answered() ? new CallState.Talking(request, call.callerChannelId(), call.agent())
                : new CallState.Ringing(request, call.callerChannelId(), call.agent());
        calls.relink(stored, call.callerChannelId(), state, headless);
    }
}
