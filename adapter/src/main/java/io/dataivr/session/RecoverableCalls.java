package io.dataivr.session;

import java.util.Optional;

/** Reads back what {@link SessionStore} wrote about a voice call, to link it again after a restart. */
public interface RecoverableCalls {

    Optional<RecoveredCall> ofRequest(String requestId);
}
