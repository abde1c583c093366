package org.livevitals.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which ward each patient is on: the fact that turns "a nurse sees her ward" into "a nurse sees these
 * patients". A patient the map does not know (a device nobody registered) is on no ward, so only a
 * doctor sees it: a wrong guess would show a patient to the wrong nurse.
 */
public final class Wards {

    /** The simulated patients' wards: P001, P003, ... on the ICU; P002, P004, ... on cardiology. */
    public static final String ICU = "icu";
    public static final String CARDIOLOGY = "cardiology";
    /**
     * Patients P001 to P004 are always on these wards, even when fewer are simulated: the lab's
     * walkthrough and the tests send readings for them by hand.
     */
    public static final int DEMO_PATIENTS = 4;

    private final Map<String, String> wardOfPatient;

    public Wards(Map<String, String> wardOfPatient) {
        this.wardOfPatient = Map.copyOf(wardOfPatient);
    }

    /** The wards of the first {@code count} simulated patients (P001 ...), two wards taken in turn. */
    public static Wards ofSimulatedPatients(int count) {
        Map<String, String> wards = new HashMap<>();
        for (int i = 1; i <= count; i++) {
            wards.put(String.format("P%03d", i), i % 2 == 1 ? ICU : CARDIOLOGY);
        }
        return new Wards(wards);
    }

    /** These wards, with {@code more} added (a later entry for the same patient wins). */
    public Wards with(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(wardOfPatient);
        all.putAll(more);
        return new Wards(all);
    }

    /** Every ward some patient is on. */
    public Set<String> names() {
        return Set.copyOf(wardOfPatient.values());
    }

    public Optional<String> wardOf(String patientId) {
        return Optional.ofNullable(wardOfPatient.get(patientId));
    }
}
