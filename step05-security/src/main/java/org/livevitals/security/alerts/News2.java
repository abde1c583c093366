package org.livevitals.security.alerts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.livevitals.rawsockets.VitalSigns;

/**
 * The National Early Warning Score 2 (Royal College of Physicians, 2017) of one reading: one number
 * for how unwell a patient is, which a ward acts on where single limits say little. A pulse of 115
 * is only a warning and a respiratory rate of 23 not even that; with a temperature of 38.5 °C they
 * score 2 + 2 + 1 = 5, a medium clinical risk that calls for an urgent review.
 *
 * <p>Each of the five parameters our devices measure scores 0 to 3 by the RCP chart's bands, and
 * the risk follows from the total and the largest single part. Two of NEWS2's seven parameters are
 * not measured by a monitor and are <b>assumed</b>: the patient breathes room air (+0; SpO2 scale 1)
 * and is alert (+0 for consciousness). A patient on oxygen or newly confused scores more than shown
 * here, so the score is a floor, never a reason to stand down.
 */
public final class News2 {

    /** A total from which the risk is high: an emergency assessment by a critical care team. */
    public static final int HIGH_FROM = 7;
    /** A total from which the risk is medium: an urgent review by a clinician. */
    public static final int MEDIUM_FROM = 5;
    /** A single part this large makes a low total a low-medium risk ("red score"). */
    public static final int RED_PART = 3;

    /** The parameters NEWS2 scores, in the order of the RCP chart. */
    static final List<Parameter> SCORED = List.of(
            Parameter.RESP, Parameter.SPO2, Parameter.SYSTOLIC, Parameter.PULSE, Parameter.TEMPERATURE);

    /** The clinical risk a score stands for, as the RCP names it. */
    public enum Risk {
        LOW("low"), LOW_MEDIUM("low-medium"), MEDIUM("medium"), HIGH("high");

        private final String wireName;

        Risk(String wireName) {
            this.wireName = wireName;
        }

        /** How a risk is written in JSON: {@code low}, {@code low-medium}, {@code medium}, {@code high}. */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * A reading's score.
     *
     * @param total the sum of the parts, 0 to 15
     * @param parts each scored parameter's points, keyed by its vital key ({@code Resp}, {@code SpO2},
     *              {@code Systolic}, {@code Pulse}, {@code Temperature}), in the chart's order
     * @param risk  the clinical risk
     */
    public record Score(int total, Map<String, Integer> parts, Risk risk) {

        public Score {
            Objects.requireNonNull(risk, "risk");
            parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        }

        /** The parts that scored {@link #RED_PART}, as "SpO2 3, Resp 3". */
        String redParts() {
            return String.join(", ", parts.entrySet().stream()
                    .filter(part -> part.getValue() >= RED_PART)
                    .map(part -> part.getKey() + " " + part.getValue())
                    .toList());
        }
    }

    private News2() {}

    public static Score score(VitalSigns reading) {
        Map<String, Integer> parts = new LinkedHashMap<>();
        for (Parameter parameter : SCORED) {
            parts.put(parameter.key(), points(parameter, parameter.valueIn(reading)));
        }
        int total = parts.values().stream().mapToInt(Integer::intValue).sum();
        return new Score(total, parts, risk(total, parts.values()));
    }

    /**
     * The alert a reading's score calls for: a high risk a high-priority alert, a medium risk a medium
     * one, a single red part a low one (look at that parameter), a low risk none.
     */
    static Assessment assess(VitalSigns reading) {
        Score score = score(reading);
        Priority priority = switch (score.risk()) {
            case HIGH -> Priority.HIGH;
            case MEDIUM -> Priority.MEDIUM;
            case LOW_MEDIUM -> Priority.LOW;
            case LOW -> null;
        };
        String text = score.risk() == Risk.LOW_MEDIUM
                ? "a single parameter scored " + RED_PART + " (" + score.redParts() + "): NEWS2 " + score.total()
                : "NEWS2 " + score.total() + ": " + score.risk().wireName() + " clinical risk";
        return new Assessment(Alert.NEWS2, priority, text, reading, score);
    }

    /** The RCP's thresholds and triggers: the total decides, and a single red part lifts a low total. */
    static Risk risk(int total, Iterable<Integer> parts) {
        if (total >= HIGH_FROM) {
            return Risk.HIGH;
        }
        if (total >= MEDIUM_FROM) {
            return Risk.MEDIUM;
        }
        for (int part : parts) {
            if (part >= RED_PART) {
                return Risk.LOW_MEDIUM;
            }
        }
        return Risk.LOW;
    }

    /**
     * The points one parameter scores, by the bands of the RCP 2017 chart. A band's upper end belongs
     * to it: a respiratory rate of 8 scores 3, of 9 scores 1. Temperatures are measured to a tenth of
     * a degree, so 36.0 is in the band "35.1–36.0".
     */
    static int points(Parameter parameter, double value) {
        // Exercise 5 starts here (scenarios L5-27 L5-28)
        return switch (parameter) {
            case RESP -> value <= 8 ? 3
                    : value <= 11 ? 1
                    : value <= 20 ? 0
                    : value <= 24 ? 2
                    : 3;
            case SPO2 -> value <= 91 ? 3
                    : value <= 93 ? 2
                    : value <= 95 ? 1
                    : 0;
            case SYSTOLIC -> value <= 90 ? 3
                    : value <= 100 ? 2
                    : value <= 110 ? 1
                    : value <= 219 ? 0
                    : 3;
            case PULSE -> value <= 40 ? 3
                    : value <= 50 ? 1
                    : value <= 90 ? 0
                    : value <= 110 ? 1
                    : value <= 130 ? 2
                    : 3;
            case TEMPERATURE -> value <= 35.0 ? 3
                    : value <= 36.0 ? 1
                    : value <= 38.0 ? 0
                    : value <= 39.0 ? 1
                    : 2;
            case DIASTOLIC -> throw new IllegalArgumentException("NEWS2 does not score diastolic pressure");
        };
        // Exercise 5 ends here
    }
}
