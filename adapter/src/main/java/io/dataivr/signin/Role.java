package io.dataivr.signin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a person who signs in may do (docs/sign-in.md): an {@link #AGENT} its own console, a
 * {@link #SUPERVISOR} the wallboard and every agent's console read-only (and may pause or log out an
 * agent), the {@link #ADMIN} everything. Spring Security's authority is {@code ROLE_} + the name.
 */
public enum Role {
    AGENT, SUPERVISOR, ADMIN;

    /** The lower-case name used on the command line, in the table and in {@code /api/v1/me}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority, e.g. {@code ROLE_AGENT}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The role of a lower-case id ({@code agent}, {@code supervisor}, {@code admin}). */
    public static Optional<Role> ofId(String id) {
        return Arrays.stream(values()).filter(role -> role.id().equals(id)).findFirst();
    }

    /** The role of an authority such as {@code ROLE_AGENT}. */
    public static Optional<Role> ofAuthority(String authority) {
        return Arrays.stream(values()).filter(role -> role.authority().equals(authority)).findFirst();
    }
}
