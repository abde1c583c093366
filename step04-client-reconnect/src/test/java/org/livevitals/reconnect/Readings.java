package org.livevitals.reconnect;

import java.time.Instant;
import org.livevitals.rawsockets.VitalSigns;

/** Readings for tests: the pulse tells them apart. */
final class Readings {

    static final Instant TAKEN_AT = Instant.parse("2026-11-22T10:15:30Z");

    private Readings() {}

    static VitalSigns reading(String patient, int pulse) {
        return new VitalSigns(patient, TAKEN_AT, pulse, 97, 37.5, 120, 80, 16);
    }
}
