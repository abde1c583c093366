package org.livevitals.security.alerts;

import java.util.List;
import org.livevitals.rawsockets.Vital;
import org.livevitals.rawsockets.VitalSigns;

/**
 * The alarm limits of one vital: below {@code criticalBelow} or above {@code criticalAbove} is a
 * high-priority alert, below {@code warningBelow} or above {@code warningAbove} a medium one. A
 * limit that is {@code null} is not checked (nobody alarms on a high SpO2).
 *
 * <p>Limits are checked when they are made, so a wrong one stops the server at start-up instead of
 * staying silent at the bedside: the vital must be one the devices send, in that vital's unit; every
 * limit must be a value a living patient can have (Lab 1's possible range, or it could never fire);
 * and they must be in order, critical beyond warning: {@code criticalBelow < warningBelow <
 * warningAbove < criticalAbove}.
 *
 * @param vital         the vital's key: {@code Pulse}, {@code SpO2}, {@code Temperature},
 *                      {@code Systolic}, {@code Diastolic} or {@code Resp}
 * @param unit          the unit the limits are in: the one the devices send, e.g. {@code %}
 * @param criticalBelow a value under this is critical; null for none
 * @param warningBelow  a value under this is a warning; null for none
 * @param warningAbove  a value over this is a warning; null for none
 * @param criticalAbove a value over this is critical; null for none
 */
public record VitalLimits(String vital, String unit, Double criticalBelow, Double warningBelow, Double warningAbove,
        Double criticalAbove) {

    public VitalLimits {
        Parameter parameter = Parameter.fromKey(vital).orElseThrow(() -> new IllegalArgumentException(
                (vital == null ? "no vital named" : "unknown vital \"" + vital + "\"") + ": use " + Parameter.KEYS));
        if (!parameter.unit().equals(unit)) {
            throw new IllegalArgumentException(vital + " limits must be in " + parameter.unit() + ", the unit the devices send"
                    + (unit == null ? "" : ", not " + unit));
        }
        checkPossible(parameter, "criticalBelow", criticalBelow);
        checkPossible(parameter, "warningBelow", warningBelow);
        checkPossible(parameter, "warningAbove", warningAbove);
        checkPossible(parameter, "criticalAbove", criticalAbove);
        checkInOrder(parameter, criticalBelow, warningBelow, warningAbove, criticalAbove);
    }

    /** Limits for {@code vital} in its devices' unit; the unit comes from Lab 1's {@link Vital}. */
    public static VitalLimits of(String vital, Double criticalBelow, Double warningBelow, Double warningAbove,
            Double criticalAbove) {
        String unit = Parameter.fromKey(vital).map(Parameter::unit).orElse(null);
        return new VitalLimits(vital, unit, criticalBelow, warningBelow, warningAbove, criticalAbove);
    }

    /** Whether any limit is set: a vital without one never raises an alert. */
    public boolean isChecked() {
        return criticalBelow != null || warningBelow != null || warningAbove != null || criticalAbove != null;
    }

    /**
     * What {@code reading} says about this vital: high past a critical limit, medium past a warning
     * one, no alert within them. A value on a limit is within it ("below 90" alarms at 89, not 90).
     */
    Assessment assess(VitalSigns reading) {
        Parameter parameter = parameter();
        double value = parameter.valueIn(reading);
        String measured = vital + " " + parameter.withUnit(value);
        if (criticalBelow != null && value < criticalBelow) {
            return breach(reading, Priority.HIGH, measured + " is below the critical limit " + parameter.withUnit(criticalBelow));
        }
        if (criticalAbove != null && value > criticalAbove) {
            return breach(reading, Priority.HIGH, measured + " is above the critical limit " + parameter.withUnit(criticalAbove));
        }
        if (warningBelow != null && value < warningBelow) {
            return breach(reading, Priority.MEDIUM, measured + " is below the warning limit " + parameter.withUnit(warningBelow));
        }
        if (warningAbove != null && value > warningAbove) {
            return breach(reading, Priority.MEDIUM, measured + " is above the warning limit " + parameter.withUnit(warningAbove));
        }
        return breach(reading, null, measured + " is within its limits");
    }

    private Assessment breach(VitalSigns reading, Priority priority, String text) {
        return new Assessment(vital, priority, text, reading, null);
    }

    private Parameter parameter() {
        return Parameter.fromKey(vital).orElseThrow();
    }

    private static void checkPossible(Parameter parameter, String name, Double limit) {
        if (limit == null) {
            return;
        }
        Vital vital = parameter.vital();
        if (!vital.isPossible(limit)) {  // NaN is not possible either
            throw new IllegalArgumentException(parameter.key() + " " + name + " " + parameter.withUnit(limit)
                    + " is outside the possible range " + Parameter.format(vital.min()) + ".."
                    + parameter.withUnit(vital.max()) + ": it could never be crossed");
        }
    }

    private record Named(String name, Double value) {}

    /** Every limit that is set must be above the one set before it, in the order of the record's components. */
    private static void checkInOrder(Parameter parameter, Double criticalBelow, Double warningBelow, Double warningAbove,
            Double criticalAbove) {
        Named previous = null;
        for (Named limit : List.of(new Named("criticalBelow", criticalBelow), new Named("warningBelow", warningBelow),
                new Named("warningAbove", warningAbove), new Named("criticalAbove", criticalAbove))) {
            if (limit.value() == null) {
                continue;
            }
            if (previous != null && !(previous.value() < limit.value())) {
                throw new IllegalArgumentException(parameter.key() + " " + previous.name() + " " + parameter.withUnit(previous.value())
                        + " must be below " + limit.name() + " " + parameter.withUnit(limit.value())
                        + " (critical limits lie beyond warning limits)");
            }
            previous = limit;
        }
    }
}
