package org.livevitals.security.alerts;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.livevitals.rawsockets.Vital;
import org.livevitals.rawsockets.VitalSigns;

/**
 * A physiological parameter as alerts name it: Lab 1's wire keys, with blood pressure split in two,
 * because a systolic and a diastolic limit are different limits.
 */
enum Parameter {
    PULSE("Pulse", Vital.HEART_RATE, VitalSigns::heartRate),
    SPO2("SpO2", Vital.SPO2, VitalSigns::spo2),
    TEMPERATURE("Temperature", Vital.TEMPERATURE, VitalSigns::temperature),
    SYSTOLIC("Systolic", Vital.SYSTOLIC, VitalSigns::systolic),
    DIASTOLIC("Diastolic", Vital.DIASTOLIC, VitalSigns::diastolic),
    RESP("Resp", Vital.RESPIRATORY_RATE, VitalSigns::respiratoryRate);

    /** Every key, for a message that lists what may be written. */
    static final String KEYS = String.join(", ", Arrays.stream(values()).map(Parameter::key).toList());

    private final String key;
    private final Vital vital;
    private final ToDoubleFunction<VitalSigns> value;

    Parameter(String key, Vital vital, ToDoubleFunction<VitalSigns> value) {
        this.key = key;
        this.vital = vital;
        this.value = value;
    }

    String key() {
        return key;
    }

    /** Lab 1's vital: its unit, and the range of values a living patient can have. */
    Vital vital() {
        return vital;
    }

    String unit() {
        return vital.unit();
    }

    double valueIn(VitalSigns reading) {
        return value.applyAsDouble(reading);
    }

    /** A value of this parameter as a person reads it, e.g. {@code 88 %} or {@code 38.6 °C}. */
    String withUnit(double value) {
        return format(value) + " " + unit();
    }

    /** A whole number without ".0" (88, not 88.0); anything else as Java writes a double (38.6). */
    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    static Optional<Parameter> fromKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }
}
