package org.livevitals.rawsockets;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Plausible vital signs for one simulated patient.
 *
 * <p>Real vitals drift: this minute's pulse is close to the last minute's. Uniform noise would
 * make a chart jump around like no patient ever does, so each vital takes a small random step
 * from where it was, is pulled gently back toward the patient's own baseline, and never leaves
 * a plausible band. That is a bounded random walk (an Ornstein-Uhlenbeck process, if you want
 * the name to look up).
 *
 * <p>From Lab 5 a patient can also follow a {@link Deterioration} script, which moves the
 * baselines the walk is pulled to, one step per reading. A generator is used by one thread.
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

        /**
         * This walk pulled to {@code target} instead: the band widens to keep the same margins
         * around it (a falling SpO2 must be able to fall), but never past what a patient can have.
         */
        Walk toward(double target, Vital vital) {
            double lowest = Math.max(vital.min(), Math.min(low, target - (baseline - low)));
            double highest = Math.min(vital.max(), Math.max(high, target + (high - baseline)));
            return new Walk(target, lowest, highest, step);
        }
    }

    static final Walk HEART_RATE = new Walk(76, 50, 130, 2.0);
    static final Walk SPO2 = new Walk(97, 88, 100, 0.6);
    static final Walk TEMPERATURE = new Walk(36.9, 35.5, 39.5, 0.05);
    static final Walk SYSTOLIC = new Walk(120, 90, 170, 2.0);
    static final Walk DIASTOLIC = new Walk(78, 50, 85, 1.5);
    static final Walk RESPIRATORY_RATE = new Walk(15, 8, 28, 0.6);
    /**
     * The least gap kept between systolic and diastolic pressure. A script that lowers both could
     * otherwise let the noise cross them, and the codec refuses systolic at or below diastolic.
     * The unscripted walks never come this close (systolic 90 and up, diastolic 85 and down).
     */
    static final int MIN_PULSE_PRESSURE = 5;

    private final String patientId;
    private final RandomGenerator random;
    private final Clock clock;
    private final Walk heartRate;
    private final Walk systolic;
    private final Deterioration script;
    /** Readings made so far: the script's clock. */
    private long tick;
    private double pulse;
    private double oxygen;
    private double temperature;
    private double systolicPressure;
    private double diastolicPressure;
    private double breathing;

    public VitalsGenerator(String patientId, RandomGenerator random, Clock clock) {
        this(patientId, random, clock, null);
    }

    /** A patient who follows {@code script} (null for none), starting at its first reading. */
    public VitalsGenerator(String patientId, RandomGenerator random, Clock clock, Deterioration script) {
        this.patientId = patientId;
        this.script = script;
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

    /** The script this patient follows, if any. */
    public Optional<Deterioration> script() {
        return Optional.ofNullable(script);
    }

    /** The next reading: every vital one step on from the last (and the script one reading on). */
    public VitalSigns next() {
        tick++;
        pulse = walk(heartRate, Vital.HEART_RATE).next(pulse, random);
        oxygen = walk(SPO2, Vital.SPO2).next(oxygen, random);
        temperature = walk(TEMPERATURE, Vital.TEMPERATURE).next(temperature, random);
        systolicPressure = walk(systolic, Vital.SYSTOLIC).next(systolicPressure, random);
        diastolicPressure = walk(DIASTOLIC, Vital.DIASTOLIC).next(diastolicPressure, random);
        breathing = walk(RESPIRATORY_RATE, Vital.RESPIRATORY_RATE).next(breathing, random);
        int systolicValue = (int) Math.round(systolicPressure);
        return new VitalSigns(patientId, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                (int) Math.round(pulse),
                (int) Math.round(oxygen),
                Math.round(temperature * 10) / 10.0,
                systolicValue,
                (int) Math.min(Math.round(diastolicPressure), systolicValue - MIN_PULSE_PRESSURE),
                (int) Math.round(breathing));
    }

    /**
     * What a device reset does to the numbers: every vital starts again from its current
     * baseline, the script's where a script has moved it. Resetting a device does not cure the
     * patient, so the script goes on where it was.
     */
    public void reset() {
        long now = Math.max(tick, 1);
        pulse = walk(heartRate, Vital.HEART_RATE, now).baseline();
        oxygen = walk(SPO2, Vital.SPO2, now).baseline();
        temperature = walk(TEMPERATURE, Vital.TEMPERATURE, now).baseline();
        systolicPressure = walk(systolic, Vital.SYSTOLIC, now).baseline();
        diastolicPressure = walk(DIASTOLIC, Vital.DIASTOLIC, now).baseline();
        breathing = walk(RESPIRATORY_RATE, Vital.RESPIRATORY_RATE, now).baseline();
    }

    /** The walk of {@code vital} for this reading: the patient's own, or pulled where the script says. */
    private Walk walk(Walk own, Vital vital) {
        return walk(own, vital, tick);
    }

    private Walk walk(Walk own, Vital vital, long reading) {
        return script == null ? own : own.toward(script.baseline(vital, own.baseline(), reading), vital);
    }
}
