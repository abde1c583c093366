package org.livevitals.reconnect;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.livevitals.cli.CommandLines;

/** The Lab 4 programs as a person meets them: Lab 3's checks, and Lab 4's two options checked the same way. */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // without its checks a program would start, and run until stopped
class MainTest {

    private static final CommandLines LAB_4 = new CommandLines(Main::new);

    @Test
    void aTakenPortIsNamedWithTheOptionThatChangesIt() throws Exception {
        LAB_4.assertTakenPortNamed("--port", "server", "--device-port", "0", "--patients", "0");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "server, --history, 0, 1..8192, --port 0 --device-port 0",
        "server, --history, 8193, 1..8192, --port 0 --device-port 0",
        "server, --heartbeat-ms, 99, 100..60000, --port 0 --device-port 0",
        "server, --heartbeat-ms, 60001, 100..60000, --port 0 --device-port 0",
        "server, --patients, 501, 0..500, --port 0 --device-port 0",
    })
    void aValueOutOfRangeIsRefusedNamingTheOptionAndTheRange(
            String command, String option, String value, String range, String otherArgs) {
        LAB_4.assertOutOfRange(command, option, value, range, otherArgs);
    }

    @Test
    void theMonitorRefusesAUrlThatIsNotAWebSocketUrl() {
        LAB_4.assertWebSocketUrlChecked("monitor");
    }
}
