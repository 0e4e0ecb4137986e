package io.dataivr.signin;

import java.time.Instant;

/** One line of {@code ./dataivr user list}: never the hash. {@code lockedUntil} null: not locked. */
public record UserListing(String name, Role role, Instant lockedUntil) {
}
