package org.livevitals.rawsockets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** A count says "1 device", never "1 devices", in the server's log and in its replies. */
class PluralTest {

    @Test
    void oneIsSingularAndEveryOtherCountPlural() {
        assertThat(Plural.of(1, "device")).isEqualTo("1 device");
        assertThat(Plural.of(0, "device")).isEqualTo("0 devices");
        assertThat(Plural.of(50, "patient")).isEqualTo("50 patients");
    }

    /** slf4j-simple writes to whatever System.out is at the time (simplelogger.properties), so the test swaps it. */
    @Test
    void aServerForOneDeviceSaysUpTo1Device() throws IOException {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(logged, true, UTF_8));
        try (VitalsServer server = new VitalsServer(0, ServerLimits.DEFAULTS.withMaxDevices(1), reading -> { },
                Clock.systemUTC()).start()) {
            assertThat(logged.toString(UTF_8)).as("the start-up line")
                    .contains("vitals server listening on port " + server.port() + " (up to 1 device, lines up to");
        } finally {
            System.setOut(console);
        }
    }
}
