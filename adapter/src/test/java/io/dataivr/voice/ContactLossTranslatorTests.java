package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.call.RegistrationLoss;
import org.asteriskjava.manager.event.ContactStatusEvent;
import org.junit.jupiter.api.Test;

class ContactLossTranslatorTests {

    private final ContactLossTranslator translator = new ContactLossTranslator();

    @Test
    void aRemovedOrUnreachableContactIsALostRegistrationOfItsEndpoint() {
        assertThat(translator.lost(contact("dev-abc", "Removed")))
                .contains(new ContactLossTranslator.LostContact("dev-abc", RegistrationLoss.UNREGISTERED));
        assertThat(translator.lost(contact("dev-abc", "Unreachable")))
                .contains(new ContactLossTranslator.LostContact("dev-abc", RegistrationLoss.UNREACHABLE));
    }

    @Test
    void aContactThatIsCreatedReachableOrUpdatedIsNoLoss() {
        for (String status : new String[] {"Created", "Reachable", "Updated", "Unknown", "NonQualified"}) {
            assertThat(translator.lost(contact("dev-abc", status))).as(status).isEmpty();
        }
    }

    @Test
    void withoutAnEndpointNameTheAorNamesTheEndpoint() {
        ContactStatusEvent event = contact(null, "Removed");
        event.setAor("customer1");
        assertThat(translator.lost(event)).contains(new ContactLossTranslator.LostContact("customer1", RegistrationLoss.UNREGISTERED));
    }

    private static ContactStatusEvent contact(String endpoint, String status) {
        ContactStatusEvent event = new ContactStatusEvent(ContactLossTranslatorTests.class);
        event.setEndpointName(endpoint);
        event.setContactStatus(status);
        return event;
    }
}
