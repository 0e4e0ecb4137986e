package io.dataivr.voice;

import io.dataivr.call.RegistrationLoss;
import java.util.Optional;
import org.asteriskjava.manager.event.ContactStatusEvent;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * Reads PJSIP's {@code ContactStatus} events: a contact {@code Removed} (the phone unregistered, or its
 * registration expired) or {@code Unreachable} (it stopped answering the AOR's qualify OPTIONS) means
 * the endpoint lost its registration.
 */
final class ContactLossTranslator {

    /** An endpoint whose contact went away, and how. */
    record LostContact(String endpoint, RegistrationLoss how) {
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
            return Optional.of(new LostContact(endpoint, RegistrationLoss.UNREGISTERED));
        }
        if (ContactStatusEvent.STATUS_UNREACHABLE.equalsIgnoreCase(e.getContactStatus())) {
            return Optional.of(new LostContact(endpoint, RegistrationLoss.UNREACHABLE));
        }
        return Optional.empty();
    }
}
