package io.dataivr.menu;

import java.time.Instant;
import java.util.List;

/** A menu as an admin lists it: the version in service and every version published. */
public record MenuSummary(String id, int publishedVersion, List<Version> versions) {

    public MenuSummary {
        versions = List.copyOf(versions);
    }

    /** One published version: when and by whom. */
    public record Version(int version, Instant publishedAt, String publishedBy) {
    }
}
