package org.livevitals.rawsockets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.livevitals.testkit.LineRecorder;
import org.livevitals.testkit.Scenario;

/** Lab 1's scenarios for the TCP vitals server, each driven by real sockets on an ephemeral port. */
class VitalsServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String P001_LINE =
            "Patient=P001|Time=2026-11-22T10:15:30Z|Pulse=82|SpO2=97|Temperature=37.5|BP=120/80|Resp=16";
    private static final VitalSigns P001_READING =
            new VitalSigns("P001", Instant.parse("2026-11-22T10:15:30Z"), 82, 97, 37.5, 120, 80, 16);
    /** The server's clock, 30 s after P001_LINE was measured: the time rule measures from it. */
    private static final Clock SERVER_CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:16:00Z"), ZoneOffset.UTC);
    /** L1-13: a short idle timeout, so the test does not wait the default minute. */
    private static final Duration TEST_IDLE_TIMEOUT = Duration.ofSeconds(1);
    /** L1-16: a receive buffer the replies fill at once, and a flood of 64 KiB writes of newlines to fill it. */
    private static final int DEAF_RECEIVE_BUFFER_BYTES = 4 * 1024;
    private static final int DEAF_FLOOD_WRITES = 256;

    private final RecordedReadings readings = new RecordedReadings();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private VitalsServer startServer(ServerLimits limits) throws IOException {
        return track(new VitalsServer(0, limits, readings, SERVER_CLOCK).start());
    }

    private VitalsServer startServer() throws IOException {
        return startServer(ServerLimits.DEFAULTS);
    }

    private LineRecorder connect(VitalsServer server) {
        return track(LineRecorder.connect(server.port()));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        cleanup.add(closeable);
        return closeable;
    }

    private static String lineFor(String patient, int pulse) {
        return "Patient=" + patient + "|Pulse=" + pulse + "|SpO2=97|Temperature=37.5|BP=120/80|Resp=16";
    }

    @Test
    @Scenario("L1-01")
    void validLineIsAcknowledged() throws IOException {
        VitalsServer server = startServer();
        LineRecorder device = connect(server);

        device.send(P001_LINE);

        device.assertLine("OK P001");
        assertThat(readings.all()).as("readings the server accepted for %s", P001_LINE)
                .containsExactly(P001_READING);
        device.assertExhausted();
    }

    @Test
    @Scenario("L1-02")
    void garbageLineGetsErrAndTheConnectionStaysUsable() throws IOException {
        VitalsServer server = startServer();
        LineRecorder device = connect(server);

        device.send("this is not a reading");
        device.assertLine("ERR expected key=value but got 'this is not a reading'");

        device.send(P001_LINE);
        device.assertLine("OK P001");
        assertThat(readings.all()).containsExactly(P001_READING);
    }

    @Test
    @Scenario("L1-03")
    void lineSplitAcrossTcpWritesIsParsedOnce() throws IOException {
        VitalsServer server = startServer();
        LineRecorder device = connect(server);
        byte[] line = (P001_LINE + "\n").getBytes(UTF_8);
        int firstPart = 20;

        device.sendBytes(java.util.Arrays.copyOfRange(line, 0, firstPart));
        await("the server to read the first " + firstPart + " bytes").atMost(PATIENCE)
                .until(() -> server.stats().bytesReceived() >= firstPart);
        device.sendBytes(java.util.Arrays.copyOfRange(line, firstPart, line.length));

        device.assertLine("OK P001");
        assertThat(readings.all()).as("one line sent in two writes").containsExactly(P001_READING);
        assertThat(server.stats().linesRejected()).as("lines rejected").isZero();
    }

    @Test
    @Scenario("L1-04")
    void twoLinesInOneWriteAreBothParsed() throws IOException {
        VitalsServer server = startServer();
        LineRecorder device = connect(server);

        device.sendBytes((lineFor("P001", 80) + "\n" + lineFor("P002", 90) + "\n").getBytes(UTF_8));

        device.assertLine("OK P001");
        device.assertLine("OK P002");
        assertThat(readings.all()).extracting(VitalSigns::patientId, VitalSigns::heartRate)
                .as("two lines sent in one write")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("P001", 80), org.assertj.core.groups.Tuple.tuple("P002", 90));
    }

    @Test
    @Scenario("L1-05")
    void oversizedLineIsRefusedWithoutBufferingItAndTheServerKeepsServing() throws IOException {
        VitalsServer server = startServer();
        LineRecorder flooder = connect(server);
        LineRecorder neighbour = connect(server);
        int limit = ServerLimits.DEFAULT_MAX_LINE_BYTES;

        // Twice the limit and no newline yet: the ERR must come before the line ends,
        // which proves the server did not wait to hold the whole line.
        flooder.sendBytes("x".repeat(2 * limit).getBytes(UTF_8));
        flooder.assertLine("ERR line longer than " + limit + " bytes");

        byte[] megabyte = "y".repeat(64 * 1024).getBytes(UTF_8);
        for (int i = 0; i < 16; i++) {
            flooder.sendBytes(megabyte); // the same line goes on for a megabyte: skipped unread
        }
        neighbour.send(lineFor("P002", 90));
        neighbour.assertLine("OK P002");

        flooder.sendBytes("\n".getBytes(UTF_8));
        flooder.send(P001_LINE);
        flooder.assertLine("OK P001");
        assertThat(server.stats().linesRejected()).as("the oversized line is rejected once").isEqualTo(1);
        assertThat(readings.count()).isEqualTo(2);
    }

    @Test
    @Scenario("L1-06")
    void tenDevicesAtOnceAreAllCountedAndNeverMixedUp() throws Exception {
        VitalsServer server = startServer();
        int devices = 10;
        int readingsPerDevice = 100;
        ExecutorService threads = Executors.newFixedThreadPool(devices);
        track(threads::shutdownNow);
        CountDownLatch allConnected = new CountDownLatch(1);

        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            String patient = String.format("P%03d", d);
            int pulse = 60 + d; // each patient's own pulse: a mixed-up reading would show it
            LineRecorder device = connect(server);
            runs.add(CompletableFuture.runAsync(() -> {
                awaitLatch(allConnected);
                for (int i = 0; i < readingsPerDevice; i++) {
                    device.send(lineFor(patient, pulse));
                }
                for (int i = 0; i < readingsPerDevice; i++) {
                    device.assertLine("OK " + patient);
                }
            }, threads));
        }
        await("all " + devices + " devices connected").atMost(PATIENCE)
                .until(() -> server.stats().openConnections() == devices);
        allConnected.countDown();
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        Map<String, List<Integer>> pulsesByPatient = readings.all().stream().collect(
                Collectors.groupingBy(VitalSigns::patientId, Collectors.mapping(VitalSigns::heartRate, Collectors.toList())));
        assertThat(readings.count()).as("readings counted").isEqualTo(devices * readingsPerDevice);
        assertThat(pulsesByPatient).hasSize(devices);
        pulsesByPatient.forEach((patient, pulses) -> assertThat(pulses)
                .as("pulses attributed to %s", patient)
                .hasSize(readingsPerDevice)
                .containsOnly(60 + Integer.parseInt(patient.substring(1))));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @Scenario("L1-07")
    void deviceThatDisconnectsMidLineFreesItsSlot() throws IOException {
        VitalsServer server = startServer(ServerLimits.DEFAULTS.withMaxDevices(1));
        byte[] halfALine = "Patient=P001|Pul".getBytes(UTF_8);
        try (LineRecorder quitter = LineRecorder.connect(server.port())) {
            quitter.sendBytes(halfALine);
            await("the server to read the half line").atMost(PATIENCE)
                    .until(() -> server.stats().bytesReceived() >= halfALine.length);
        }
        await("the only slot to be freed").atMost(PATIENCE).until(() -> server.stats().openConnections() == 0);

        LineRecorder next = connect(server);
        next.send(lineFor("P002", 90));
        next.assertLine("OK P002");
        assertThat(server.stats().devicesRefused()).as("devices refused").isZero();
        assertThat(readings.all()).extracting(VitalSigns::patientId).containsExactly("P002");
    }

    @Test
    @Scenario("L1-08")
    void connectionLimitRefusesTheNextDeviceClearly() throws IOException {
        VitalsServer server = startServer(ServerLimits.DEFAULTS.withMaxDevices(2));
        LineRecorder first = connect(server);
        LineRecorder second = connect(server);
        first.send(lineFor("P001", 80));
        first.assertLine("OK P001");
        second.send(lineFor("P002", 90));
        second.assertLine("OK P002");

        LineRecorder third = connect(server);
        third.assertLine("ERR server full: 2 devices connected, try again later");
        third.assertClosedByServer();

        first.send(lineFor("P001", 81));
        first.assertLine("OK P001");
        assertThat(server.stats().devicesRefused()).isEqualTo(1);
    }

    @Test
    @Scenario("L1-09")
    void shutdownClosesEveryDeviceConnectionAndStopsEveryThread() throws IOException {
        VitalsServer server = startServer();
        String threadPrefix = "vitals-" + server.port() + "-";
        List<LineRecorder> devices = new ArrayList<>();
        for (int d = 1; d <= 3; d++) {
            LineRecorder device = connect(server);
            device.send(lineFor("P00" + d, 80));
            device.assertLine("OK P00" + d);
            devices.add(device);
        }

        server.close();

        devices.forEach(LineRecorder::assertClosedByServer);
        await("every " + threadPrefix + "* thread to end").atMost(PATIENCE)
                .until(() -> liveThreadsNamed(threadPrefix).isEmpty());
        assertThat(server.stats().openConnections()).isZero();
    }

    @Test
    @Scenario("L1-13")
    void silentDeviceIsToldAndDisconnectedAfterTheIdleTimeoutFreeingItsSlot() throws IOException {
        VitalsServer server = startServer(ServerLimits.DEFAULTS.withMaxDevices(1).withIdleTimeout(TEST_IDLE_TIMEOUT));
        try (LineRecorder squatter = LineRecorder.connect(server.port())) {
            squatter.assertLine("ERR idle for 1 s: closing the connection");
            squatter.assertClosedByServer();
        }
        await("the only slot to be freed").atMost(PATIENCE).until(() -> server.stats().openConnections() == 0);

        LineRecorder next = connect(server);
        next.send(lineFor("P002", 90));
        next.assertLine("OK P002");
        assertThat(server.stats().devicesRefused()).as("devices refused").isZero();
    }

    @Test
    @Scenario("L1-14")
    void acceptLoopSurvivesFailuresAndNoSlotIsLost() throws IOException {
        // accept() fails twice as if out of file descriptors, then hands over a connection that
        // fails while the server sets it up; the only slot must survive all three.
        FaultyServerSockets faults = new FaultyServerSockets(2);
        VitalsServer server = track(new VitalsServer(0, ServerLimits.DEFAULTS.withMaxDevices(1), readings,
                SERVER_CLOCK, faults).start());

        try (LineRecorder broken = LineRecorder.connect(server.port())) {
            broken.assertClosedByServer();
        }
        LineRecorder device = connect(server);
        device.send(lineFor("P002", 90));

        device.assertLine("OK P002");
        assertThat(server.stats().acceptFailures()).as("accept failures the server rode out").isEqualTo(2);
        assertThat(server.stats().devicesRefused()).as("devices refused for want of a slot").isZero();
    }

    @Test
    @Scenario("L1-16")
    void deviceThatNeverReadsItsRepliesIsDisconnectedFreeingItsSlot() throws Exception {
        VitalsServer server = startServer(ServerLimits.DEFAULTS.withMaxDevices(1).withIdleTimeout(TEST_IDLE_TIMEOUT));
        try (Socket deaf = new Socket()) {
            deaf.setReceiveBufferSize(DEAF_RECEIVE_BUFFER_BYTES); // fills at once: the server's writes soon block
            deaf.connect(new InetSocketAddress("127.0.0.1", server.port()));
            // Empty lines, each answered "ERR empty line": far more replies than any buffer holds.
            Thread flood = new Thread(() -> {
                try {
                    OutputStream out = deaf.getOutputStream();
                    byte[] newlines = new byte[64 * 1024];
                    java.util.Arrays.fill(newlines, (byte) '\n');
                    for (int i = 0; i < DEAF_FLOOD_WRITES; i++) {
                        out.write(newlines);
                    }
                } catch (IOException e) {
                    // the server hung up on us: what the scenario expects
                }
            }, "deaf-device");
            flood.start();
            await("the server to take in lines until it is stuck writing").atMost(PATIENCE)
                    .until(() -> server.stats().linesRejected() > 0);

            await("the deaf device to be disconnected").atMost(PATIENCE).until(() -> server.stats().openConnections() == 0);
            flood.join(PATIENCE.toMillis());
        }
        LineRecorder next = connect(server);
        next.send(lineFor("P002", 90));
        next.assertLine("OK P002");
    }

    @Test
    void listenerFailureGetsAnErrAndTheConnectionCarriesOn() throws IOException {
        ReadingListener failsOnce = new ReadingListener() {
            private boolean failed;

            @Override
            public void onReading(VitalSigns reading) {
                if (!failed) {
                    failed = true;
                    throw new IllegalStateException("the broadcaster broke");
                }
                readings.onReading(reading);
            }
        };
        VitalsServer server = track(new VitalsServer(0, ServerLimits.DEFAULTS, failsOnce, SERVER_CLOCK).start());
        LineRecorder device = connect(server);

        device.send(lineFor("P001", 80));
        device.assertLine("ERR " + DeviceConnection.SERVER_ERROR);
        device.send(lineFor("P001", 81));
        device.assertLine("OK P001");

        assertThat(readings.all()).extracting(VitalSigns::heartRate).containsExactly(81);
    }

    private static List<String> liveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName).filter(n -> n.startsWith(prefix)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    @Scenario("L1-11")
    void everyRejectionSaysWhy(String problem, byte[] line, String expectedReply) throws IOException {
        VitalsServer server = startServer();
        LineRecorder device = connect(server);

        device.sendBytes(line);

        device.assertLine(expectedReply);
        assertThat(readings.all()).as("readings accepted from a line with %s", problem).isEmpty();
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                bad("an unknown key", lineFor("P001", 80) + "|Mood=calm", "ERR unknown key 'Mood'"),
                bad("a missing field", "Patient=P001|Pulse=80|SpO2=97|Temperature=37.5|Resp=16", "ERR missing field BP"),
                bad("a bad number", lineFor("P001", 80).replace("Pulse=80", "Pulse=eighty"), "ERR bad number for Pulse: 'eighty'"),
                bad("an impossible pulse", lineFor("P001", 400), "ERR Pulse 400 is outside the possible range 20..300 beats/min"),
                bad("an impossible temperature", lineFor("P001", 80).replace("37.5", "52.5"),
                        "ERR Temperature 52.5 is outside the possible range 25..45 °C"),
                bad("diastolic above systolic", lineFor("P001", 80).replace("120/80", "80/120"),
                        "ERR BP 80/120 is impossible: systolic must be above diastolic"),
                bad("a duplicate key", lineFor("P001", 80) + "|Pulse=81", "ERR duplicate key 'Pulse'"),
                bad("an empty line", "", "ERR empty line"),
                bad("a time an hour ahead of the server's clock", P001_LINE.replace("10:15:30Z", "11:16:00Z"),
                        "ERR time 2026-11-22T11:16:00Z is more than 10 s ahead of the server's clock: check the device's clock"),
                bad("a time in the year 10000", P001_LINE.replace("2026-11-22T10:15:30Z", "+10000-01-01T00:00:00Z"),
                        "ERR time +10000-01-01T00:00:00Z is more than 10 s ahead of the server's clock: check the device's clock"),
                bad("a time two days old", P001_LINE.replace("2026-11-22", "2026-11-20"),
                        "ERR time 2026-11-20T10:15:30Z is more than 24 h old: check the device's clock"),
                bad("an escape sequence and a bare CR in a key", lineFor("P001", 80) + "|M\u001B[31m\rood=calm",
                        "ERR unknown key 'M\\u001B[31m\\rood'"),
                Arguments.of("bytes that are not UTF-8",
                        new byte[] {'P', '=', (byte) 0xC3, (byte) 0x28, '\n'}, "ERR line is not valid UTF-8"));
    }

    private static Arguments bad(String problem, String line, String expectedReply) {
        return Arguments.of(problem, (line + "\n").getBytes(UTF_8), expectedReply);
    }
}
