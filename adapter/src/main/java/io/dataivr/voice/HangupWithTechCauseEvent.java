package io.dataivr.voice;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.HangupEvent;

/**
 * AMI {@code Hangup} as Asterisk 22 sends it: with {@code TechCause}, the channel driver's own reason (for
 * PJSIP the SIP status that ended the leg: 486 when an agent's phone rejects, 487 when a ringing leg is
 * cancelled), which asterisk-java 3.42's {@link HangupEvent} has no field for and warned about on every such
 * hang-up. Registered on the event session ({@link AmiConnections}) for the name {@code Hangup}, so every
 * Hangup is built as this class and everything that reads a {@link HangupEvent} reads it unchanged.
 */
@AsteriskMapping("Hangup")
public class HangupWithTechCauseEvent extends HangupEvent {

    private static final long serialVersionUID = 1L;

    private String techCause;

    public HangupWithTechCauseEvent(Object source) {
        super(source);
    }

    /** The channel driver's cause (a SIP status for PJSIP), or null when Asterisk sent none. */
    public String getTechCause() {
        return techCause;
    }

    public void setTechCause(String techCause) {
        this.techCause = techCause;
    }
}
