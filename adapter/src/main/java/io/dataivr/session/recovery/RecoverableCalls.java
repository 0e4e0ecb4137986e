package io.dataivr.session.recovery;

import io.dataivr.call.CallOutcome;
import io.dataivr.call.ChannelId;
import io.dataivr.session.RecoveredCall;
import io.dataivr.session.SessionStore;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reads back what {@link SessionStore} wrote about a voice call, to link it again after a restart. */
public interface RecoverableCalls {

    Optional<RecoveredCall> ofRequest(String requestId);

    /**
     * Closes, in one transaction, the calls an adapter before this one left open: every voice call
     * requested before {@code before} whose row has no end, whose request is not in
     * {@code liveRequests} and whose caller channel (if it got one) is not in {@code liveChannels}
     * gets {@code at} and {@code outcome} as its end and outcome. Their sessions still open in the
     * database and not in {@code heldSessions} are ended with the outcome's text as their reason and get their end record
     * (counts from the service-item, content-delivery and call logs).
     */
    ClosedWhileDown closeEndedWhileDown(Set<String> liveRequests, Set<ChannelId> liveChannels, Set<UUID> heldSessions,
            Instant before, CallOutcome outcome, Instant at);
}
