package org.livevitals.security.alerts;

import java.time.Instant;
import org.livevitals.rawsockets.VitalSigns;

/**
 * Readings for alert tests: a healthy adult (NEWS2 0, no limit crossed) with the vitals a test
 * names changed, e.g. {@code Readings.of("P001").spo2(88).build()}.
 */
final class Readings {

    static final Instant TAKEN_AT = Instant.parse("2026-11-30T10:00:00Z");

    private final String patient;
    private Instant takenAt = TAKEN_AT;
    private int pulse = 70;
    private int spo2 = 98;
    private double temperature = 37.0;
    private int systolic = 120;
    private int diastolic = 60;
    private int resp = 16;

    private Readings(String patient) {
        this.patient = patient;
    }

    static Readings of(String patient) {
        return new Readings(patient);
    }

    /** A healthy adult's reading. */
    static VitalSigns normal(String patient) {
        return of(patient).build();
    }

    Readings at(Instant time) {
        takenAt = time;
        return this;
    }

    Readings pulse(int value) {
        pulse = value;
        return this;
    }

    Readings spo2(int value) {
        spo2 = value;
        return this;
    }

    Readings temperature(double value) {
        temperature = value;
        return this;
    }

    Readings systolic(int value) {
        systolic = value;
        return this;
    }

    Readings resp(int value) {
        resp = value;
        return this;
    }

    /** One vital by its alert key ({@code Resp}, {@code SpO2}, ...). */
    Readings set(String vital, double value) {
        return switch (vital) {
            case "Pulse" -> pulse((int) value);
            case "SpO2" -> spo2((int) value);
            case "Temperature" -> temperature(value);
            case "Systolic" -> systolic((int) value);
            case "Resp" -> resp((int) value);
            default -> throw new IllegalArgumentException("no such vital in a test: " + vital);
        };
    }

    VitalSigns build() {
        return new VitalSigns(patient, takenAt, pulse, spo2, temperature, systolic, diastolic, resp);
    }
}
