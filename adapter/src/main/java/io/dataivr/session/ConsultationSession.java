package io.dataivr.session;

import io.dataivr.menu.Menu;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One customer's consultation: the menu version it was started on (kept for its whole life, so a
 * newly published version never changes what it shows), where the customer is, and its call.
 */
public record ConsultationSession(UUID id, Menu menu, String language, String clientRef, List<String> path,
        CallState call, int itemsChosen, int contentsSent, int voiceCalls, Instant startedAt) {

    public ConsultationSession {
        path = List.copyOf(path);
    }

    public ConsultationSession at(List<String> newPath) {
        return new ConsultationSession(id, menu, language, clientRef, newPath, call, itemsChosen, contentsSent,
                voiceCalls, startedAt);
    }

    public ConsultationSession with(CallState newCall) {
        int calls = newCall instanceof CallState.Requested && !call.active() ? voiceCalls + 1 : voiceCalls;
        return new ConsultationSession(id, menu, language, clientRef, path, newCall, itemsChosen, contentsSent, calls,
                startedAt);
    }

    public ConsultationSession chose(boolean contentSent) {
        return new ConsultationSession(id, menu, language, clientRef, path, call, itemsChosen + 1,
                contentsSent + (contentSent ? 1 : 0), voiceCalls, startedAt);
    }

    /** A voice request is open (from the choice until the call ends). */
    public boolean inCall() {
        return call.active();
    }

    /**
     * The customer's phone is in a call: linked to its request in Asterisk, waiting in the queue, ringing
     * an agent or talking. What is browsed then is logged as during the call (claim 4).
     */
    public boolean inVoiceCall() {
        return call instanceof CallState.Requested r ? r.callerChannelId() != null : call.active();
    }
}
