package org.livevitals.rawsockets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.CommandReply.Outcome;

/** Lab 5: the simulated device answers the server's commands between (and during) its readings. */
class DeviceSimulatorCommandsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** So long that every reading after the first is one a command asked for. */
    private static final Duration NEVER = Duration.ofHours(1);
    private static final Duration RECONNECT_DELAY = Duration.ofMillis(100);

    private static DeviceSimulator device(int port) {
        var vitals = new VitalsGenerator("P010", new Random(10), Clock.systemUTC());
        return new DeviceSimulator("127.0.0.1", port, vitals, NEVER, RECONNECT_DELAY).start();
    }

    /** The server's end of the wire, by hand: every line the device sends, and what to send back. */
    private static final class FakeServer implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        FakeServer(ServerSocket listening) throws IOException {
            this.socket = listening.accept();
            socket.setSoTimeout((int) PATIENCE.toMillis());
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
            this.out = socket.getOutputStream();
        }

        String next() throws IOException {
            return in.readLine();
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(UTF_8));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void theDeviceAnswersEachCommandAndSendsTheFreshReadingBeforeItsDone() throws Exception {
        try (ServerSocket listening = new ServerSocket(0); DeviceSimulator device = device(listening.getLocalPort());
                FakeServer server = new FakeServer(listening)) {
            assertThat(server.next()).as("the device's first reading").startsWith("Patient=P010|");
            server.send("OK P010");

            server.send("CMD 6 request-reading");
            assertThat(server.next()).as("the answer to request-reading").startsWith("Patient=P010|");
            server.send("OK P010");
            assertThat(server.next()).isEqualTo("DONE 6 reading sent");

            server.send("CMD 7 self-destruct");
            assertThat(server.next()).isEqualTo("FAIL 7 unknown command 'self-destruct'");
            server.send("CMD 8 reset");
            assertThat(server.next()).isEqualTo("DONE 8 device reset");
            assertThat(device.acknowledged()).as("readings acknowledged").isEqualTo(2);
        }
    }

    @Test
    void aCommandThatArrivesWhileAReplyIsAwaitedIsAnsweredAfterIt() throws Exception {
        try (ServerSocket listening = new ServerSocket(0); DeviceSimulator device = device(listening.getLocalPort());
                FakeServer server = new FakeServer(listening)) {
            assertThat(server.next()).startsWith("Patient=P010|");
            server.send("OK P010");
            server.send("CMD 1 request-reading");
            assertThat(server.next()).startsWith("Patient=P010|");

            server.send("CMD 2 reset"); // before the reading's OK: the device is still waiting for it
            server.send("OK P010");

            assertThat(server.next()).isEqualTo("DONE 1 reading sent");
            assertThat(server.next()).isEqualTo("DONE 2 device reset");
            assertThat(device.acknowledged()).as("readings acknowledged").isEqualTo(2);
        }
    }

    @Test
    void commandsThroughTheRegistryReachTheSimulatorAndComeBackDone() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (VitalsServer server = new VitalsServer(0, ServerLimits.DEFAULTS, reading -> events.add("reading"),
                Clock.systemUTC()).start();
                DeviceSimulator device = device(server.port())) {
            await("the device's first reading").atMost(PATIENCE).until(() -> server.devices().isConnected("P010"));

            CommandReply requested = server.devices().send("P010", DeviceCommand.REQUEST_READING, PATIENCE)
                    .thenApply(reply -> {
                        events.add("done");
                        return reply;
                    })
                    .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            CommandReply reset = server.devices().send("P010", DeviceCommand.RESET, PATIENCE)
                    .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(requested).isEqualTo(new CommandReply(Outcome.DONE, "reading sent"));
            assertThat(events).as("what the server saw, in order").containsExactly("reading", "reading", "done");
            assertThat(reset).isEqualTo(new CommandReply(Outcome.DONE, "device reset"));
            assertThat(device.acknowledged()).as("readings acknowledged").isEqualTo(2);
        }
    }
}
