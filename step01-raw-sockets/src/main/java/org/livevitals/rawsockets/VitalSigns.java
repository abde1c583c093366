package org.livevitals.rawsockets;

import java.time.Instant;
import java.util.Objects;

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

    public VitalSigns {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(takenAt, "takenAt");
    }
}
