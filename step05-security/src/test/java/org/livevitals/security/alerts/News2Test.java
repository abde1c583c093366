package org.livevitals.security.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.security.alerts.News2.Risk;
import org.livevitals.testkit.Scenario;

/** NEWS2 against the RCP 2017 chart: both sides of every band boundary, and the risk of the totals that matter. */
class News2Test {

    private static final String[] CHART_ORDER = {"Resp", "SpO2", "Systolic", "Pulse", "Temperature"};

    @ParameterizedTest(name = "{0}")
    @MethodSource("chart")
    @Scenario("L5-27")
    void everyBandAndRiskIsTheChartsOne(String description, VitalSigns reading, Map<String, Integer> parts, Risk risk) {
        News2.Score score = News2.score(reading);

        int total = parts.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(score.parts()).as("%s: the parts, in the chart's order", description).containsExactlyEntriesOf(parts);
        assertThat(score.total()).as("%s: the total", description).isEqualTo(total);
        assertThat(score.risk()).as("%s: the risk of NEWS2 %d", description, total).isEqualTo(risk);
    }

    static Stream<Arguments> chart() {
        return Stream.of(
                band("Resp", 8, 3), band("Resp", 9, 1), band("Resp", 11, 1), band("Resp", 12, 0),
                band("Resp", 20, 0), band("Resp", 21, 2), band("Resp", 24, 2), band("Resp", 25, 3),
                band("SpO2", 91, 3), band("SpO2", 92, 2), band("SpO2", 93, 2), band("SpO2", 94, 1),
                band("SpO2", 95, 1), band("SpO2", 96, 0),
                band("Systolic", 90, 3), band("Systolic", 91, 2), band("Systolic", 100, 2), band("Systolic", 101, 1),
                band("Systolic", 110, 1), band("Systolic", 111, 0), band("Systolic", 219, 0), band("Systolic", 220, 3),
                band("Pulse", 40, 3), band("Pulse", 41, 1), band("Pulse", 50, 1), band("Pulse", 51, 0),
                band("Pulse", 90, 0), band("Pulse", 91, 1), band("Pulse", 110, 1), band("Pulse", 111, 2),
                band("Pulse", 130, 2), band("Pulse", 131, 3),
                band("Temperature", 35.0, 3), band("Temperature", 35.1, 1), band("Temperature", 36.0, 1),
                band("Temperature", 36.1, 0), band("Temperature", 38.0, 0), band("Temperature", 38.1, 1),
                band("Temperature", 39.0, 1), band("Temperature", 39.1, 2),
                risk("a healthy adult: 0", Readings.of("P001"), Map.of(), Risk.LOW),
                risk("total 4, no single 3", Readings.of("P001").resp(21).spo2(94).pulse(91),
                        Map.of("Resp", 2, "SpO2", 1, "Pulse", 1), Risk.LOW),
                risk("total 5", Readings.of("P001").resp(21).spo2(94).pulse(111),
                        Map.of("Resp", 2, "SpO2", 1, "Pulse", 2), Risk.MEDIUM),
                risk("total 6", Readings.of("P001").resp(21).spo2(93).pulse(111),
                        Map.of("Resp", 2, "SpO2", 2, "Pulse", 2), Risk.MEDIUM),
                risk("total 7", Readings.of("P001").resp(21).spo2(93).pulse(111).temperature(38.5),
                        Map.of("Resp", 2, "SpO2", 2, "Pulse", 2, "Temperature", 1), Risk.HIGH),
                risk("total 8", Readings.of("P001").resp(25).spo2(91).pulse(111),
                        Map.of("Resp", 3, "SpO2", 3, "Pulse", 2), Risk.HIGH),
                risk("a single 3 alone: total 3", Readings.of("P001").systolic(90), Map.of("Systolic", 3), Risk.LOW_MEDIUM),
                risk("a single 3 in a total of 4", Readings.of("P001").spo2(91).pulse(91),
                        Map.of("SpO2", 3, "Pulse", 1), Risk.LOW_MEDIUM),
                risk("a single 3 in a total of 5 is medium", Readings.of("P001").spo2(91).resp(21),
                        Map.of("Resp", 2, "SpO2", 3), Risk.MEDIUM));
    }

    /** A healthy reading but for one vital at {@code value}, which alone scores {@code points}. */
    private static Arguments band(String vital, double value, int points) {
        return risk(vital + " " + Parameter.format(value) + " scores " + points, Readings.of("P001").set(vital, value),
                Map.of(vital, points), points == 3 ? Risk.LOW_MEDIUM : Risk.LOW);
    }

    private static Arguments risk(String description, Readings reading, Map<String, Integer> scored, Risk risk) {
        Map<String, Integer> parts = new LinkedHashMap<>();
        for (String vital : CHART_ORDER) {
            parts.put(vital, scored.getOrDefault(vital, 0));
        }
        return Arguments.of(description, reading.build(), parts, risk);
    }
}
