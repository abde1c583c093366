package org.livevitals.rawsockets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.livevitals.cli.CommandLines;

/**
 * The Lab 1 programs as a person meets them: a taken port and every bad option value get one
 * message that says what to change, and an exit code, never a stack trace.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // without its checks a program would start, and run until stopped
class MainTest {

    private static final CommandLines LAB_1 = new CommandLines(Main::new);

    @Test
    void aServerWhosePortIsTakenSaysSoInOneLineNamingThePortAndTheOption() throws IOException {
        LAB_1.assertTakenPortNamed("--port", "server");
    }

    /** Each option at a value just outside its range; a server gets port 0, in case the check is missing. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "server, --port, -1, 0..65535, ''",
        "server, --port, 65536, 0..65535, ''",
        "server, --max-devices, 0, 1..10000, --port 0",
        "server, --max-devices, 10001, 1..10000, --port 0",
        "server, --max-line-bytes, 15, 16..65536, --port 0",
        "server, --max-line-bytes, 65537, 16..65536, --port 0",
        "server, --idle-timeout-s, 0, 1..86400, --port 0",
        "server, --idle-timeout-s, 86401, 1..86400, --port 0",
        "device, --interval-ms, 0, 1..3600000, ''",
        "device, --interval-ms, 3600001, 1..3600000, ''",
        "device, --reconnect-ms, 0, 1..3600000, ''",
        "device, --reconnect-ms, 3600001, 1..3600000, ''",
    })
    void aValueOutOfRangeIsRefusedNamingTheOptionAndTheRangeItsHelpGives(
            String command, String option, String value, String range, String otherArgs) {
        LAB_1.assertOutOfRange(command, option, value, range, otherArgs);
    }

    @ParameterizedTest(name = "--patient {0}")
    @ValueSource(strings = {"", "P 001", "P001|Pulse=80", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"})
    void aPatientIdOutsideTheProtocolIsRefused(String patient) {
        LAB_1.assertRefused("Invalid value for option '--patient': '" + patient
                + "' is not a patient id: use 1 to 32 letters, digits, '-' or '_'", "device", "--patient", patient);
    }

    @Test
    void aRefusedValueIsQuotedEscaped() {
        CommandLines.Ran ran = LAB_1.run("device", "--patient", "P1\u001B[31m");

        assertThat(ran.exitCode()).as("exit code").isEqualTo(CommandLines.BAD_USAGE);
        assertThat(ran.err()).startsWith("Invalid value for option '--patient': 'P1\\u001B[31m' is not a patient id")
                .as("what reaches the terminal").doesNotContain("\u001B");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"device", "console"})
    void theServerToConnectToIsChecked(String command) {
        LAB_1.assertServerAddressChecked(command);
    }

    @Test
    void aValueThatIsNotANumberIsRefusedByPicocliItself() {
        LAB_1.assertRefused("Invalid value for option '--max-devices': 'many' is not an int", "server", "--max-devices", "many");
    }
}
