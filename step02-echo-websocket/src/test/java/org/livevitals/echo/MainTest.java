package org.livevitals.echo;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.livevitals.cli.CommandLines;

/**
 * The Lab 2 programs as a person meets them: a taken port and every bad option value get one
 * message that says what to change, and an exit code, never a stack trace.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // without its checks a program would start, and run until stopped
class MainTest {

    private static final CommandLines LAB_2 = new CommandLines(Main::new);

    @Test
    void aServerWhosePortIsTakenSaysSoInOneLineNamingThePortAndTheOption() throws IOException {
        LAB_2.assertTakenPortNamed("--port", "server");
    }

    /** Each option at a value just outside its range; a server gets port 0, in case the check is missing. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "server, --port, -1, 0..65535, ''",
        "server, --port, 65536, 0..65535, ''",
        "server, --idle-timeout-s, 0, 1..86400, --port 0",
        "server, --idle-timeout-s, 86401, 1..86400, --port 0",
    })
    void aValueOutOfRangeIsRefusedNamingTheOptionAndTheRangeItsHelpGives(
            String command, String option, String value, String range, String otherArgs) {
        LAB_2.assertOutOfRange(command, option, value, range, otherArgs);
    }

    @Test
    void theConsoleRefusesAUrlThatIsNotAWebSocketUrl() {
        LAB_2.assertWebSocketUrlChecked("console");
    }

    @Test
    void theHandshakeChecksTheServerToConnectTo() {
        LAB_2.assertServerAddressChecked("handshake");
    }

    @Test
    void theHandshakeRefusesAMessageTheServerWouldNotTake() {
        LAB_2.assertRefused("Invalid value for option '--message': 65537 bytes of UTF-8 is more than the echo server takes (65536)",
                "handshake", "--message", "x".repeat(EchoServer.MAX_TEXT_MESSAGE_BYTES + 1));
    }
}
