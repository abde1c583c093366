package org.livevitals.rawsockets;

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
}
