package org.livevitals.rawsockets;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One reading from one patient's bedside device: the record every later step moves around.
 *
 * @param patientId       who the reading belongs to, e.g. {@code P001}
 * @param takenAt         when the device took it (UTC)
 * @param heartRate       beats per minute
 * @param spo2            blood oxygen saturation, percent
 * @param temperature     body temperature, degrees Celsius
 * @param systolic        blood pressure, systolic, mmHg
 * @param diastolic       blood pressure, diastolic, mmHg
 * @param respiratoryRate breaths per minute
 */
public record VitalSigns(
        String patientId,
        Instant takenAt,
        int heartRate,
        int spo2,
        double temperature,
        int systolic,
        int diastolic,
        int respiratoryRate) {

    /** Patient ids: 1 to 32 letters, digits, '-' or '_' (safe in a log line, a URL and a JSON key). */
    public static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /**
     * Times are kept to the millisecond: that is what a browser's {@code Date} holds, so two
     * readings one dashboard tells apart are never the same moment to the server.
     */
    public VitalSigns {
        Objects.requireNonNull(patientId, "patientId");
        takenAt = Objects.requireNonNull(takenAt, "takenAt").truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The first value no living patient can have, as a reason a person can act on, or empty when
     * the reading is possible. Readings from any source (a device line, an HTTP request) pass
     * this same check before anyone sees them.
     */
    public Optional<String> impossibility() {
        return Stream.of(
                        Vital.HEART_RATE.impossibility(heartRate),
                        Vital.SPO2.impossibility(spo2),
                        Vital.TEMPERATURE.impossibility(temperature),
                        Vital.SYSTOLIC.impossibility(systolic),
                        Vital.DIASTOLIC.impossibility(diastolic),
                        Vital.RESPIRATORY_RATE.impossibility(respiratoryRate),
                        systolic > diastolic ? Optional.<String>empty()
                                : Optional.of(bloodPressureImpossibility(systolic, diastolic)))
                .flatMap(Optional::stream)
                .findFirst();
    }

    static String bloodPressureImpossibility(int systolic, int diastolic) {
        return "BP " + systolic + "/" + diastolic + " is impossible: systolic must be above diastolic";
    }
}
