package org.livevitals.rawsockets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.CourseFiles;
import org.livevitals.testkit.LineRecorder;

/** labs/protocol.md's "Commands to a device (Lab 5)" states the limits and replies the code has; this fails when they drift apart. */
class CommandProtocolDocTest {

    private static final String DOC = "labs/protocol.md";

    @Test
    void commandLimitsInTheDocAreTheLimitsInTheCode() {
        Map<String, String> rows = CourseFiles.secondCellByFirst(DOC);

        assertThat(rows).as("command limits in %s", DOC)
                .hasEntrySatisfying("Unanswered commands per device",
                        value -> assertThat(value).startsWith(DeviceRegistry.MAX_PENDING_PER_DEVICE + ";"))
                .hasEntrySatisfying("Time a command waits for its answer",
                        value -> assertThat(value).startsWith(DeviceRegistry.DEFAULT_COMMAND_TIMEOUT.toSeconds() + " s "))
                .hasEntrySatisfying("Patients one device connection is the route for",
                        value -> assertThat(value).startsWith(DeviceRegistry.MAX_PATIENTS_PER_DEVICE + ";"))
                .hasEntrySatisfying("Patients with a route, in all",
                        value -> assertThat(value).startsWith(DeviceRegistry.MAX_ROUTED_PATIENTS + ";"))
                .hasEntrySatisfying("Characters kept of a device's answer text",
                        value -> assertThat(value).startsWith(WireText.MAX_QUOTED_CHARS + ","));
    }

    @Test
    void theErrRepliesInTheDocAreTheServersWords() throws Exception {
        String doc = CourseFiles.read(DOC);
        try (VitalsServer server = new VitalsServer(0, ServerLimits.DEFAULTS, reading -> { }, Clock.systemUTC()).start();
                LineRecorder device = LineRecorder.connect(server.port())) {
            device.send("DONE 999 reading sent");
            String unmatched = device.assertLineStartingWith("ERR ");
            device.send("FAIL seven");
            String malformed = device.assertLineStartingWith("ERR ");

            assertThat(doc).as("%s quotes the reply to an unmatched answer", DOC).contains("`" + unmatched + "`");
            assertThat(doc).as("%s quotes the reply to a malformed answer", DOC).contains("`" + malformed + "`");
        }
    }
}
