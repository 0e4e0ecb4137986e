package io.dataivr.session;

import io.dataivr.session.device.SipAccount;

/** What choosing an item led to (step 5). */
public sealed interface ChoiceOutcome {

    record LevelShown(MenuLevel level) implements ChoiceOutcome {
    }

    /**
     * The item's content; by the time this is returned it has been logged as chosen. {@code language}
     * is the language {@code text} is in: the session's, or the menu's default where the item has no
     * text in the session's language.
     */
    record ContentShown(String key, java.util.List<String> path, String language, String text)
            implements ChoiceOutcome {
    }

    /**
     * The app's SIP phone, registered with {@code account}, should dial {@code dialUri}; the call
     * will be linked to the request.
     */
    record VoiceRequested(VoiceRequest request, String dialUri, SipAccount account) implements ChoiceOutcome {
    }
}
