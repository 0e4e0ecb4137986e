package io.dataivr.session;

/** Who ended a call and why, as the app is told in {@code call} {@code ended} (docs/protocol.md). */
public record CallEnd(By by, Reason reason) {

    public enum By {
        CUSTOMER, AGENT, SYSTEM
    }

    public enum Reason {
        /** The customer and the agent talked; one of them hung up. */
        COMPLETED,
        /** The customer left before an agent answered (gave up waiting, or its phone hung up). */
        GAVE_UP,
        /** Hung up before the app's call reached Asterisk. */
        CANCELLED,
        /** The session ended (the app sent {@code end}, or it expired) during the call. */
        SESSION_ENDED,
        /** The app's SIP phone lost its registration during the call. */
        DEVICE_LOST,
        /** The call ended while the adapter had no events from Asterisk, or Asterisk restarted. */
        CALL_LOST,
        /** The agent transferred the call elsewhere. */
        TRANSFERRED
    }

    public static CallEnd of(By by, Reason reason) {
        return new CallEnd(by, reason);
    }
}
