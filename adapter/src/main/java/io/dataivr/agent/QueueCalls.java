package io.dataivr.agent;

import java.util.List;

/** The queue calls Asterisk holds right now, in the queues the adapter keeps. */
public interface QueueCalls {

    List<CallInProgress> inProgress();
}
