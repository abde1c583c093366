package org.livevitals.echo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** Text that came off the wire is escaped before Lab 2's programs log or print it. */
class WireTextInLogsTest {

    /** A close reason that would forge a log line and recolour the terminal, if printed raw. */
    private static final String FORGED_REASON = "bye\r\n12:00:00.000 INFO EchoEndpoint - forged\u001B[31m";

    @Test
    void theServerLogsACloseReasonEscaped() {
        String logged = EchoEndpoint.closeDescription(1000, FORGED_REASON);

        assertThat(logged).as("what the server logs after 'client ... closed: '")
                .startsWith("1000 bye\\r\\n12:00:00.000 INFO")
                .contains("\\u001B[31m")
                .doesNotContain("\r", "\n", "\u001B");
    }

    @Test
    void theConsolePrintsACloseReasonEscapedOnOneLine() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        new WebSocketConsole.Printer(new PrintStream(printed, true, UTF_8), EchoConsole::format).onWebSocketClose(1000, FORGED_REASON);

        assertThat(printed.toString(UTF_8).lines().toList()).as("what the console printed")
                .singleElement().asString()
                .startsWith("closed: 1000 bye\\r\\n")
                .doesNotContain("\u001B");
    }

    @Test
    void the426QuotesTheVersionAskedForEscaped() {
        String body = UpgradeRequiredHandler.versionMessage("8\r\nX-Forged: yes");

        assertThat(body.lines().toList()).as("body of the 426").singleElement().asString()
                .contains("version 8\\r\\nX-Forged: yes.");
    }
}
