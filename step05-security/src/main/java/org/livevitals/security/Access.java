package org.livevitals.security;

import java.util.Objects;
import java.util.Set;
import org.livevitals.rawsockets.DeviceCommand;

/**
 * Who is on the other end of a request or a session, as the server trusts it after checking a token:
 * the user, the role, and the wards a nurse works on. Every authorization decision is made from this.
 *
 * @param user  the user name, as signed in
 * @param role  what the user is for
 * @param wards the wards a nurse sees; ignored for other roles
 */
public record Access(String user, Role role, Set<String> wards) {

    public Access {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        wards = Set.copyOf(wards);
    }

    /**
     * Whether this person may see the vitals of a patient on {@code ward}: a doctor sees every
     * patient, a nurse the patients of her own wards, an admin none. A patient with no known ward
     * ({@code null}) is a doctor's to see.
     */
    public boolean maySeeWard(String ward) {
        // Exercise 2 starts here (scenarios L5-11 L5-12 L5-13)
        return switch (role) {
            case DOCTOR -> true;
            case NURSE -> ward != null && wards.contains(ward);
            case ADMIN -> false;
        };
        // Exercise 2 ends here
    }

    /**
     * Whether this person may acknowledge the alerts of a patient on {@code ward}: whoever may see the
     * patient and care for them, so a doctor for every patient and a nurse for her wards. An admin sees
     * no alert and silences none.
     */
    public boolean mayAcknowledge(String ward) {
        return role != Role.ADMIN && maySeeWard(ward);
    }

    /**
     * Whether this person may send {@code command} to the device of a patient on {@code ward}: asking
     * for a fresh reading is part of caring for a patient (a doctor, or a nurse of that ward); resetting
     * a device interrupts its monitoring, so it is a doctor's decision.
     */
    public boolean mayCommand(DeviceCommand command, String ward) {
        // Exercise 7 starts here (scenarios L5-38 L5-39)
        return switch (command) {
            case REQUEST_READING -> role != Role.ADMIN && maySeeWard(ward);
            case RESET -> role == Role.DOCTOR;
        };
        // Exercise 7 ends here
    }

    /** Whether this person may see operations: the open sessions and the audit trail. */
    public boolean mayOperate() {
        return role == Role.ADMIN;
    }
}
