package io.dataivr.voice;

import java.util.Optional;
import org.asteriskjava.manager.event.ContactStatusEvent;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * Reads PJSIP's {@code ContactStatus} events: a contact {@code Removed} (the phone unregistered, or its
 * registration expired) or {@code Unreachable} (it stopped answering the AOR's qualify OPTIONS) means
 * the endpoint lost its registration.
 */
final class ContactLossTranslator {

    /** An endpoint whose contact went away, and how ("unregistered" or "unreachable"). */
    record LostContact(String endpoint, String how) {
    }

    Optional<LostContact> lost(ManagerEvent event) {
        if (!(event instanceof ContactStatusEvent e)) {
            return Optional.empty();
        }
        String endpoint = e.getEndpointName() != null && !e.getEndpointName().isBlank() ? e.getEndpointName()
                : e.getAor();
        if (endpoint == null || endpoint.isBlank()) {
            return Optional.empty();
        }
        if (ContactStatusEvent.STATUS_REMOVED.equalsIgnoreCase(e.getContactStatus())) {
            return Optional.of(new LostContact(endpoint, "unregistered"));
        }
        if (ContactStatusEvent.STATUS_UNREACHABLE.equalsIgnoreCase(e.getContactStatus())) {
            return Optional.of(new LostContact(endpoint, "unreachable"));
        }
        return Optional.empty();
    }
}
