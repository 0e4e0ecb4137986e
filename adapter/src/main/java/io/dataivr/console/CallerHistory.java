package io.dataivr.console;

import java.util.List;
import java.util.UUID;

/** Where a caller's earlier sessions are read from (the customer-service database). */
public interface CallerHistory {

    /** The latest {@code limit} sessions of the client reference, newest first, other than {@code current}. */
    List<EarlierSession> latest(String clientRef, UUID current, int limit);
}
