package org.livevitals.rawsockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.Scenario;

/** Lab 1's scenarios for the simulated bedside device and its vitals. */
class DeviceSimulatorTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    /** L1-12: a walk moves a few beats per reading; a jump bigger than this is noise, not a patient. */
    private static final int MAX_PULSE_STEP = 15;
    /** L1-12: neighbouring readings of a walk are strongly correlated; uniform noise would be near 0. */
    private static final double MIN_LAG_ONE_CORRELATION = 0.7;
    /** L1-15: a short reply timeout, so the test does not wait the default five seconds. */
    private static final Duration TEST_REPLY_TIMEOUT = Duration.ofMillis(300);

    @Test
    @Scenario("L1-10")
    void deviceReconnectsOnItsOwnAfterTheServerRestarts() throws Exception {
        RecordedReadings beforeRestart = new RecordedReadings();
        RecordedReadings afterRestart = new RecordedReadings();
        VitalsServer first = new VitalsServer(0, ServerLimits.DEFAULTS, beforeRestart, Clock.systemUTC()).start();
        int port = first.port();
        var vitals = new VitalsGenerator("P007", new Random(7), Clock.systemUTC());
        try (DeviceSimulator device = new DeviceSimulator("127.0.0.1", port, vitals,
                Duration.ofMillis(20), Duration.ofMillis(100)).start()) {
            await("readings before the restart").atMost(PATIENCE).until(() -> beforeRestart.count() >= 3);

            first.close();
            try (VitalsServer second = new VitalsServer(port, ServerLimits.DEFAULTS, afterRestart, Clock.systemUTC()).start()) {
                await("readings after the restart").atMost(PATIENCE).until(() -> afterRestart.count() >= 3);
                assertThat(device.connections()).as("connections the device made").isGreaterThanOrEqualTo(2);
                assertThat(afterRestart.all()).extracting(VitalSigns::patientId).containsOnly("P007");
            }
        } finally {
            first.close();
        }
    }

    @Test
    @Scenario("L1-15")
    void deviceGivesUpOnAServerThatNeverRepliesAndDialsAgain() throws Exception {
        // A server that accepts and then says nothing, ever: a hung server, or a half-open connection.
        try (ServerSocket mute = new ServerSocket(0)) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(mute.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "mute-server");
            acceptor.start();
            var vitals = new VitalsGenerator("P008", new Random(8), Clock.systemUTC());
            try (DeviceSimulator device = new DeviceSimulator("127.0.0.1", mute.getLocalPort(), vitals,
                    Duration.ofMillis(20), Duration.ofMillis(50), TEST_REPLY_TIMEOUT).start()) {
                await("the device to give up and dial again").atMost(PATIENCE).until(() -> device.connections() >= 2);
                assertThat(device.acknowledged()).as("readings acknowledged by a mute server").isZero();
            } finally {
                mute.close();
                acceptor.join(PATIENCE.toMillis());
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    @Scenario("L1-12")
    void simulatedVitalsDriftPlausiblyInsteadOfJumping() {
        var generator = new VitalsGenerator("P001", new Random(42), Clock.systemUTC());
        VitalsLineCodec codec = new VitalsLineCodec();
        List<VitalSigns> series = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            series.add(generator.next());
        }

        assertThat(series).allSatisfy(v -> {
            assertThat(v.heartRate()).isBetween(50, 130);
            assertThat(v.spo2()).isBetween(88, 100);
            assertThat(v.temperature()).isBetween(35.5, 39.5);
            assertThat(v.systolic()).isGreaterThan(v.diastolic());
        });
        for (VitalSigns v : series) {
            String line = codec.encode(v);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> codec.decode(line, v.takenAt())))
                    .as("the server's verdict on a simulated line %s", line).isNull();
        }
        double[] pulse = series.stream().mapToDouble(VitalSigns::heartRate).toArray();
        for (int i = 1; i < pulse.length; i++) {
            assertThat(Math.abs(pulse[i] - pulse[i - 1])).as("pulse step at reading %d", i).isLessThanOrEqualTo(MAX_PULSE_STEP);
        }
        // A random walk remembers where it was: neighbouring readings are strongly correlated.
        // Uniform noise would give a correlation near 0.
        assertThat(lagOneCorrelation(pulse)).as("lag-1 autocorrelation of the pulse").isGreaterThan(MIN_LAG_ONE_CORRELATION);
    }

    private static double lagOneCorrelation(double[] x) {
        double mean = java.util.Arrays.stream(x).average().orElseThrow();
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < x.length; i++) {
            denominator += (x[i] - mean) * (x[i] - mean);
            if (i > 0) {
                numerator += (x[i] - mean) * (x[i - 1] - mean);
            }
        }
        return numerator / denominator;
    }
}
