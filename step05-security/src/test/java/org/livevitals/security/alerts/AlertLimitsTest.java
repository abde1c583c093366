package org.livevitals.security.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The default limits, where a value on a limit falls, and the checks on a limits file. */
class AlertLimitsTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultsAreTheContractsAdultSettings() {
        assertThat(AlertLimits.DEFAULTS.all()).containsExactlyInAnyOrder(
                new VitalLimits("SpO2", "%", 90.0, 94.0, null, null),
                new VitalLimits("Pulse", "beats/min", 40.0, 50.0, 110.0, 130.0),
                new VitalLimits("Resp", "breaths/min", 8.0, 10.0, 24.0, 30.0),
                new VitalLimits("Systolic", "mmHg", 90.0, 100.0, 180.0, 220.0),
                new VitalLimits("Temperature", "°C", 35.0, 36.0, 38.5, 39.5));
        assertThat(AlertLimits.DEFAULTS.of("Diastolic")).as("no diastolic alarm by default").isEmpty();
    }

    @ParameterizedTest(name = "SpO2 {0} -> {1}")
    @MethodSource("spo2Values")
    void aValueOnALimitIsWithinIt(int spo2, Priority expected) {
        VitalLimits limits = AlertLimits.DEFAULTS.of("SpO2").orElseThrow();

        assertThat(limits.assess(Readings.of("P001").spo2(spo2).build()).priority()).isEqualTo(expected);
    }

    static Stream<Arguments> spo2Values() {
        return Stream.of(Arguments.of(89, Priority.HIGH), Arguments.of(90, Priority.MEDIUM), Arguments.of(93, Priority.MEDIUM),
                Arguments.of(94, null), Arguments.of(100, null));
    }

    @Test
    void aFileChangesTheVitalsItNamesAndKeepsTheOthers() throws IOException {
        AlertLimits limits = AlertLimits.fromFile(write("""
                {"SpO2": {"unit": "%", "criticalBelow": 88, "warningBelow": 92},
                 "Pulse": {},
                 "Diastolic": {"criticalBelow": 40, "criticalAbove": 120}}
                """));

        assertThat(limits.of("SpO2")).contains(new VitalLimits("SpO2", "%", 88.0, 92.0, null, null));
        assertThat(limits.of("Pulse")).as("named with no limits: switched off").isEmpty();
        assertThat(limits.of("Diastolic")).contains(new VitalLimits("Diastolic", "mmHg", 40.0, null, null, 120.0));
        assertThat(limits.of("Temperature")).as("not named: the default").isEqualTo(AlertLimits.DEFAULTS.of("Temperature"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongFiles")
    void aWrongFileIsRefusedWithAMessageThatSaysWhatIsWrong(String problem, String json, String expectedMessage)
            throws IOException {
        Path file = write(json);

        assertThatThrownBy(() -> AlertLimits.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alert limits file " + file + ": " + expectedMessage);
    }

    static Stream<Arguments> wrongFiles() {
        return Stream.of(
                Arguments.of("an unknown vital", "{\"HeartRate\": {\"criticalAbove\": 130}}",
                        "unknown vital \"HeartRate\": use Pulse, SpO2, Temperature, Systolic, Diastolic, Resp"),
                Arguments.of("a critical limit inside the warning one", "{\"SpO2\": {\"criticalBelow\": 95, \"warningBelow\": 94}}",
                        "SpO2 criticalBelow 95 % must be below warningBelow 94 % (critical limits lie beyond warning limits)"),
                Arguments.of("a critical limit equal to the warning one", "{\"Pulse\": {\"warningAbove\": 130, \"criticalAbove\": 130}}",
                        "Pulse warningAbove 130 beats/min must be below criticalAbove 130 beats/min"
                                + " (critical limits lie beyond warning limits)"),
                Arguments.of("low limits above the high ones", "{\"Resp\": {\"warningBelow\": 30, \"warningAbove\": 10}}",
                        "Resp warningBelow 30 breaths/min must be below warningAbove 10 breaths/min"
                                + " (critical limits lie beyond warning limits)"),
                Arguments.of("a limit no patient can reach", "{\"SpO2\": {\"warningBelow\": 120}}",
                        "SpO2 warningBelow 120 % is outside the possible range 50..100 %: it could never be crossed"),
                Arguments.of("another unit", "{\"Temperature\": {\"unit\": \"°F\", \"criticalAbove\": 103}}",
                        "Temperature limits must be in °C, the unit the devices send, not °F"),
                Arguments.of("a misspelt limit", "{\"SpO2\": {\"criticalbelow\": 90}}",
                        "unknown field \"criticalbelow\" (at SpO2); a vital's limits are unit,"
                                + " criticalBelow, warningBelow, warningAbove and criticalAbove"),
                Arguments.of("a limit as text", "{\"SpO2\": {\"criticalBelow\": \"90\"}}",
                        "not " + AlertLimits.FORMAT + " (at SpO2, line 1, column 28)"),
                Arguments.of("a vital twice", "{\"SpO2\": {\"criticalBelow\": 90},\n\"SpO2\": {\"criticalBelow\": 85}}",
                        "not " + AlertLimits.FORMAT + " (line 2, column 7)"),
                Arguments.of("a vital with null", "{\"SpO2\": null}",
                        "\"SpO2\" is null: write {} for a vital with no limits"),
                Arguments.of("not JSON", "SpO2 < 90",
                        "not " + AlertLimits.FORMAT + " (line 1, column 1)"),
                Arguments.of("a list", "[]", "not " + AlertLimits.FORMAT + " (line 1, column 1)"));
    }

    @Test
    void limitsMadeInCodeAreCheckedToo() {
        assertThatThrownBy(() -> VitalLimits.of("Pulse", 60.0, 50.0, null, null))
                .hasMessage("Pulse criticalBelow 60 beats/min must be below warningBelow 50 beats/min"
                        + " (critical limits lie beyond warning limits)");
        assertThatThrownBy(() -> new AlertLimits(List.of(VitalLimits.of("SpO2", 90.0, null, null, null),
                VitalLimits.of("SpO2", 85.0, null, null, null))))
                .hasMessage("two sets of limits for SpO2");
    }

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("alert-limits.json"), json);
    }
}
