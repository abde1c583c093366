package org.livevitals.rawsockets;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.random.RandomGenerator;

/**
 * Plausible vital signs for one simulated patient.
 *
 * <p>Real vitals drift: this minute's pulse is close to the last minute's. Uniform noise would
 * make a chart jump around like no patient ever does, so each vital takes a small random step
 * from where it was, is pulled gently back toward the patient's own baseline, and never leaves
 * a plausible band. That is a bounded random walk (an Ornstein-Uhlenbeck process, if you want
 * the name to look up).
 */
public final class VitalsGenerator {

    /** One vital's walk: where it settles, how far it may wander, and how big a step is. */
    record Walk(double baseline, double low, double high, double step) {

        /** How strongly each step pulls back toward the baseline (0 = never, 1 = at once). */
        static final double PULL_TO_BASELINE = 0.1;

        double next(double current, RandomGenerator random) {
            double drifted = current + random.nextGaussian() * step + (baseline - current) * PULL_TO_BASELINE;
            return Math.max(low, Math.min(high, drifted));
        }

        Walk shiftedBy(double offset) {
            return new Walk(baseline + offset, low, high, step);
        }
    }

    static final Walk HEART_RATE = new Walk(76, 50, 130, 2.0);
    static final Walk SPO2 = new Walk(97, 88, 100, 0.6);
    static final Walk TEMPERATURE = new Walk(36.9, 35.5, 39.5, 0.05);
    static final Walk SYSTOLIC = new Walk(120, 90, 170, 2.0);
    static final Walk DIASTOLIC = new Walk(78, 50, 85, 1.5);
    static final Walk RESPIRATORY_RATE = new Walk(15, 8, 28, 0.6);

    private final String patientId;
    private final RandomGenerator random;
    private final Clock clock;
    private final Walk heartRate;
    private final Walk systolic;
    private double pulse;
    private double oxygen;
    private double temperature;
    private double systolicPressure;
    private double diastolicPressure;
    private double breathing;

    public VitalsGenerator(String patientId, RandomGenerator random, Clock clock) {
        this.patientId = patientId;
        this.random = random;
        this.clock = clock;
        // every patient is a little different: shift the baselines a bit per patient
        this.heartRate = HEART_RATE.shiftedBy(random.nextDouble(-10, 10));
        this.systolic = SYSTOLIC.shiftedBy(random.nextDouble(-12, 12));
        this.pulse = heartRate.baseline();
        this.oxygen = SPO2.baseline();
        this.temperature = TEMPERATURE.baseline();
        this.systolicPressure = systolic.baseline();
        this.diastolicPressure = DIASTOLIC.baseline();
        this.breathing = RESPIRATORY_RATE.baseline();
    }

    public String patientId() {
        return patientId;
    }

    /** The next reading: every vital one step on from the last. */
    public VitalSigns next() {
        pulse = heartRate.next(pulse, random);
        oxygen = SPO2.next(oxygen, random);
        temperature = TEMPERATURE.next(temperature, random);
        systolicPressure = systolic.next(systolicPressure, random);
        diastolicPressure = DIASTOLIC.next(diastolicPressure, random);
        breathing = RESPIRATORY_RATE.next(breathing, random);
        return new VitalSigns(patientId, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                (int) Math.round(pulse),
                (int) Math.round(oxygen),
                Math.round(temperature * 10) / 10.0,
                (int) Math.round(systolicPressure),
                (int) Math.round(diastolicPressure),
                (int) Math.round(breathing));
    }
}
