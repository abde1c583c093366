package org.livevitals.broadcast;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.livevitals.rawsockets.Vital;
import org.livevitals.rawsockets.VitalSigns;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON a dashboard receives. Every message is an object with a {@code type}:
 *
 * <pre>
 * {"type":"reading","patient":"P001","time":"2026-11-22T10:15:30Z","vitals":{"heartRate":{"value":82,"unit":"beats/min"},...}}
 * {"type":"snapshot","staleAfterMs":6000,"readings":[ ...one reading per patient... ]}
 * {"type":"error","reason":"unknown type \"subscribe\""}
 * </pre>
 *
 * <p>Each vital carries its unit, so a screen never has to guess whether 37.5 is Celsius. The
 * reference for every message is {@code labs/protocol.md}.
 */
public final class DashboardMessages {

    /** One vital with its unit. */
    public record Measurement(Number value, String unit) {}

    /** Blood pressure is one measurement with two numbers. */
    public record BloodPressure(int systolic, int diastolic, String unit) {}

    public record Vitals(Measurement heartRate, Measurement spo2, Measurement temperature,
            BloodPressure bloodPressure, Measurement respiratoryRate) {}

    public record Reading(String type, String patient, Instant time, Vitals vitals) {

        public static Reading of(VitalSigns r) {
            return new Reading("reading", r.patientId(), r.takenAt(), new Vitals(
                    new Measurement(r.heartRate(), Vital.HEART_RATE.unit()),
                    new Measurement(r.spo2(), Vital.SPO2.unit()),
                    new Measurement(r.temperature(), Vital.TEMPERATURE.unit()),
                    new BloodPressure(r.systolic(), r.diastolic(), Vital.SYSTOLIC.unit()),
                    new Measurement(r.respiratoryRate(), Vital.RESPIRATORY_RATE.unit())));
        }
    }

    public record Snapshot(String type, long staleAfterMs, List<Reading> readings) {}

    public record Error(String type, String reason) {}

    private final JsonMapper json = JsonMapper.builder().build();

    public String reading(VitalSigns reading) {
        return json.writeValueAsString(Reading.of(reading));
    }

    /** The latest reading of every patient, sorted by patient, and when the dashboard should call one stale. */
    public String snapshot(Collection<VitalSigns> latest, Duration staleAfter) {
        return json.writeValueAsString(new Snapshot("snapshot", staleAfter.toMillis(), readings(latest)));
    }

    /** The same readings as a plain JSON array, for {@code GET /api/patients}. */
    public String readingsArray(Collection<VitalSigns> latest) {
        return json.writeValueAsString(readings(latest));
    }

    public String error(String reason) {
        return json.writeValueAsString(new Error("error", reason));
    }

    /** One reading per patient, sorted by patient: the order every list of readings is sent in. */
    public static List<Reading> readings(Collection<VitalSigns> latest) {
        return latest.stream().sorted(Comparator.comparing(VitalSigns::patientId)).map(Reading::of).toList();
    }
}
