package io.dataivr.session;

import java.time.Instant;
import java.util.List;

/**
 * One item the customer chose (step 4): its keys from the root, its labels in the session's
 * language, what kind of item it is, and whether a voice call was going on (claim 4).
 */
public record BrowsingStep(List<String> path, List<String> labels, String kind, boolean duringCall, Instant at) {

    public BrowsingStep {
        path = List.copyOf(path);
        labels = List.copyOf(labels);
    }
}
