package org.livevitals.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a signed-in person is for: the three roles of a ward's monitoring system. A role is a claim
 * in every token, and the server decides from it, per message, what that person may see and do.
 */
public enum Role {
    /** Sees every patient. */
    DOCTOR,
    /** Sees the patients of her wards only. */
    NURSE,
    /** Sees operations (sessions, the audit trail) and no patient's vitals. */
    ADMIN;

    /** How a role is written in a token, a JSON answer and the audit trail: {@code doctor}, {@code nurse}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWireName(String name) {
        return Arrays.stream(values()).filter(role -> role.wireName().equals(name)).findFirst();
    }
}
