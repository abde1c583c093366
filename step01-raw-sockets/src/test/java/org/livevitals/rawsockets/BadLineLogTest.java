package org.livevitals.rawsockets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A device that sends nothing but bad lines gets an ERR for each, and fills no log: the first few reasons, then counts. */
class BadLineLogTest {

    private static final int BAD_LINES = 150;

    /** slf4j-simple writes to whatever System.out is at the time (simplelogger.properties), so the test swaps it. */
    @Test
    void aDeviceSendingOnlyBadLinesIsToldEachTimeButLoggedOnlyTheFirstTenTimesAndThenCounted() throws Exception {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(logged, true, UTF_8));
        try (VitalsServer server = new VitalsServer(0, ServerLimits.DEFAULTS, reading -> { }, Clock.systemUTC()).start();
                Socket device = new Socket("localhost", server.port())) {
            OutputStream out = device.getOutputStream();
            BufferedReader replies = new BufferedReader(new InputStreamReader(device.getInputStream(), UTF_8));
            for (int i = 1; i <= BAD_LINES; i++) {
                out.write(("not a reading " + i + "\n").getBytes(UTF_8));
                out.flush();
                assertThat(replies.readLine()).as("the reply to bad line %d", i).startsWith("ERR expected key=value");
            }
        } finally {
            System.setOut(console);
        }

        List<String> lines = logged.toString(UTF_8).lines().toList();
        assertThat(lines).filteredOn(line -> line.contains("sent a bad line:")).hasSize(DeviceConnection.LOGGED_BAD_LINES)
                .last().asString().contains("'not a reading 10'");
        assertThat(lines).filteredOn(line -> line.contains("bad lines; the first")).singleElement().asString()
                .contains("has sent 100 bad lines");
    }
}
