package org.livevitals.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.cli.CommandLines;
import org.livevitals.testkit.Scenario;

/** Lab 6's command line: the options that make a node, checked before anything starts. */
class MainTest {

    private final CommandLines commandLines = new CommandLines(Main::new);

    @TempDir
    Path dataDir;

    @Test
    @Scenario("L6-12")
    void aBadBackplaneIsRefusedWithAReasonAndAnUnreachableRedisInOneLine() throws IOException {
        commandLines.assertRefused("Invalid value for option '--redis': a redis:// URL, e.g. redis://localhost:6379",
                "server", "--redis", "localhost:6379");
        commandLines.assertRefused("Invalid value for option '--node-id': 1 to 32 letters, digits, '-' or '_'",
                "server", "--node-id", "node one");
        commandLines.assertRefused("Invalid value for option '--database-url': no password in the URL (a command line is visible"
                + " to every user of the machine): give it in LIVEVITALS_DATABASE_PASSWORD",
                "server", "--database-url", "jdbc:postgresql://db.example/livevitals?user=lv&password=secret");
        int nobody;
        try (ServerSocket probe = new ServerSocket(0)) {
            nobody = probe.getLocalPort(); // closed again below: nothing listens there
        }
        commandLines.assertFailsWithOneLine("server: cannot reach Redis at 127.0.0.1:" + nobody
                        + ": start it, or leave out --redis to run one node with the in-memory backplane",
                "server", "--port", "0", "--device-port", "0", "--tls-port", "-1", "--data-dir", dataDir.toString(),
                "--redis", "redis://127.0.0.1:" + nobody);
        assertThat(commandLines.run("server", "--help").err()).as("--help prints on standard output, not errors").isEmpty();
    }
}
