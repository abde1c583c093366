package org.livevitals.broadcast;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.livevitals.rawsockets.CommandLines;

/**
 * The Lab 3 programs as a person meets them: a taken port, either of the server's two, gets one
 * message that says which port and which option changes it, and an exit code, never a stack trace.
 */
class MainTest {

    private static final CommandLines LAB_3 = new CommandLines(Main::new);

    @ParameterizedTest(name = "{0} taken")
    @ValueSource(strings = {"--port", "--device-port"})
    void aServerWhosePortIsTakenSaysWhichPortAndWhichOptionChangesIt(String takenOption) throws IOException {
        String otherOption = takenOption.equals("--port") ? "--device-port" : "--port";

        LAB_3.assertTakenPortNamed(takenOption, "server", otherOption, "0", "--patients", "0");
    }
}
