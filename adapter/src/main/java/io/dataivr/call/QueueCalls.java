package io.dataivr.call;

import java.util.List;
import java.util.Set;

/** The queue calls Asterisk holds right now, in the queues the adapter keeps. */
public interface QueueCalls {

    /** What Asterisk holds, read at once: the queue calls, and every channel it has (any kind). */
    record Snapshot(List<CallInProgress> calls, Set<ChannelId> channels) {

        public Snapshot {
            calls = List.copyOf(calls);
            channels = Set.copyOf(channels);
        }
    }

    Snapshot snapshot();

    default List<CallInProgress> inProgress() {
        return snapshot().calls();
    }
}
