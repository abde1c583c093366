package org.livevitals.echo;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.CommandLines;

/**
 * The Lab 2 programs as a person meets them: a taken port gets one message that says what to
 * change, and an exit code, never a stack trace.
 */
class MainTest {

    private static final CommandLines LAB_2 = new CommandLines(Main::new);

    @Test
    void aServerWhosePortIsTakenSaysSoInOneLineNamingThePortAndTheOption() throws IOException {
        LAB_2.assertTakenPortNamed("--port", "server");
    }
}
