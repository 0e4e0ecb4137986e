package io.dataivr.session.consult;

import io.dataivr.system.DomainException;
import io.dataivr.system.Quoted;
import java.util.List;

/** The app chose from a level it was showing, but the session has moved to another level since. */
public final class StaleChoice extends DomainException {
    public StaleChoice(List<String> shown, List<String> current) {
        super("STALE_CHOICE", "the choice was made at level " + Quoted.of("/" + String.join("/", shown))
                + " but the session is at " + Quoted.of("/" + String.join("/", current)));
    }
}
