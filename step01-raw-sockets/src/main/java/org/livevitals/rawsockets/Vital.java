package org.livevitals.rawsockets;

import java.util.Locale;
import java.util.Optional;

/**
 * The vital signs a bedside device reports, with the key it uses on the wire, the unit, and the
 * range of values a living patient can physically have.
 *
 * <p>The range is not a clinical "normal" range (that comes with alerts in Lab 5): a value
 * outside it is a broken sensor or a typo, so the codec rejects it instead of showing it to a
 * doctor. Blood pressure travels as one field, {@code BP=120/80}, and so shares the key "BP".
 */
public enum Vital {
    HEART_RATE("Pulse", "beats/min", 20, 300),
    SPO2("SpO2", "%", 50, 100),
    TEMPERATURE("Temperature", "°C", 25.0, 45.0),
    SYSTOLIC("BP", "mmHg", 40, 300),
    DIASTOLIC("BP", "mmHg", 20, 200),
    RESPIRATORY_RATE("Resp", "breaths/min", 2, 80);

    /** 2^53: beyond it a double no longer holds every whole number, and a cast to long may saturate. */
    private static final double LARGEST_EXACT_WHOLE = 0x1p53;

    private final String key;
    private final String unit;
    private final double min;
    private final double max;

    Vital(String key, String unit, double min, double max) {
        this.key = key;
        this.unit = unit;
        this.min = min;
        this.max = max;
    }

    /** The key on the wire, e.g. {@code Pulse}. */
    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public boolean isPossible(double value) {
        return value >= min && value <= max;
    }

    /**
     * Why {@code value} cannot be real, e.g. "Pulse 400 is outside the possible range 20..300
     * beats/min", or empty when a patient can have it.
     */
    public Optional<String> impossibility(double value) {
        if (isPossible(value)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s %s is outside the possible range %s..%s %s",
                key, format(value), format(min), format(max), unit));
    }

    /** A whole number without ".0"; anything else as Java writes a double, e.g. 37.5 or 1.0E300. */
    private static String format(double value) {
        boolean wholeAndExact = value == Math.rint(value) && Math.abs(value) < LARGEST_EXACT_WHOLE;
        return wholeAndExact ? Long.toString((long) value) : Double.toString(value);
    }
}
