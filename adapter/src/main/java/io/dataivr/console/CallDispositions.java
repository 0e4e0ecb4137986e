package io.dataivr.console;

import java.util.Optional;

/** Where a voice call's disposition is stored (with the call record). */
public interface CallDispositions {

    /** The agent who answered the voice request's call; empty when there is no such call (or nobody answered). */
    Optional<String> answeredBy(String request);

    void record(String request, Disposition disposition);
}
