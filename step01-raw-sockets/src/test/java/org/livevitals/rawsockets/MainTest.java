package org.livevitals.rawsockets;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The Lab 1 programs as a person meets them: a taken port gets one message that says what to
 * change, and an exit code, never a stack trace.
 */
class MainTest {

    private static final CommandLines LAB_1 = new CommandLines(Main::new);

    @Test
    void aServerWhosePortIsTakenSaysSoInOneLineNamingThePortAndTheOption() throws IOException {
        LAB_1.assertTakenPortNamed("--port", "server");
    }
}
