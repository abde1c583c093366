package org.livevitals.broadcast;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.livevitals.cli.CommandLines;

/**
 * The Lab 3 programs as a person meets them: a taken port (either of the server's two) and every
 * bad option value get one message that says what to change, and an exit code, never a stack trace.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // without its checks a program would start, and run until stopped
class MainTest {

    private static final CommandLines LAB_3 = new CommandLines(Main::new);

    @ParameterizedTest(name = "{0} taken")
    @ValueSource(strings = {"--port", "--device-port"})
    void aServerWhosePortIsTakenSaysWhichPortAndWhichOptionChangesIt(String takenOption) throws IOException {
        String otherOption = takenOption.equals("--port") ? "--device-port" : "--port";

        LAB_3.assertTakenPortNamed(takenOption, "server", otherOption, "0", "--patients", "0");
    }

    /** Each option at a value just outside its range; the server gets ports 0, in case the check is missing. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "server, --port, -1, 0..65535, --device-port 0",
        "server, --port, 65536, 0..65535, --device-port 0",
        "server, --device-port, -1, 0..65535, --port 0",
        "server, --device-port, 65536, 0..65535, --port 0",
        "server, --patients, -1, 0..500, --port 0 --device-port 0",
        "server, --patients, 501, 0..500, --port 0 --device-port 0",
        "server, --interval-ms, 0, 1..3600000, --port 0 --device-port 0",
        "server, --interval-ms, 3600001, 1..3600000, --port 0 --device-port 0",
        "server, --stale-after-ms, 0, 1..3600000, --port 0 --device-port 0",
        "server, --stale-after-ms, 3600001, 1..3600000, --port 0 --device-port 0",
    })
    void aValueOutOfRangeIsRefusedNamingTheOptionAndTheRangeItsHelpGives(
            String command, String option, String value, String range, String otherArgs) {
        LAB_3.assertOutOfRange(command, option, value, range, otherArgs);
    }

    @Test
    void theDevicePortCannotBeTheHttpPort() {
        LAB_3.assertRefused("Invalid value for option '--device-port': 8080 is the HTTP port (--port) too: each needs its own",
                "server", "--port", "8080", "--device-port", "8080");
    }

    @Test
    void theMonitorRefusesAUrlThatIsNotAWebSocketUrl() {
        LAB_3.assertWebSocketUrlChecked("monitor");
    }
}
