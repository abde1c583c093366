package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.CommandReply;
import org.livevitals.rawsockets.DeviceCommand;
import org.livevitals.rawsockets.ServerLimits;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.rawsockets.VitalsServer;

/** The demo ward's devices: real TCP connections, two patients on a script, all stopped by close(). */
class SimulatedDevicesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    /** Fast, so the scripts reach their worst within a second or two. */
    private static final Duration FAST = Duration.ofMillis(10);
    /** Lab 5's critical SpO2 limit, and a pulse NEWS2 scores 2 or more. */
    private static final int CRITICAL_SPO2 = 90;
    private static final int NEWS2_HIGH_PULSE = 110;

    @Test
    void fourDevicesSendForTheirPatientsAndP003AndP004GetIll() throws Exception {
        List<VitalSigns> readings = new CopyOnWriteArrayList<>();
        try (VitalsServer server = new VitalsServer(0, ServerLimits.DEFAULTS, readings::add, Clock.systemUTC()).start()) {
            try (SimulatedDevices devices = SimulatedDevices.start("127.0.0.1", server.port(), 4, FAST)) {
                assertThat(devices.count()).isEqualTo(4);
                await("P003's SpO2 below " + CRITICAL_SPO2).atMost(PATIENCE).until(() -> readings.stream()
                        .anyMatch(r -> r.patientId().equals("P003") && r.spo2() < CRITICAL_SPO2));
                await("P004's pulse above " + NEWS2_HIGH_PULSE).atMost(PATIENCE).until(() -> readings.stream()
                        .anyMatch(r -> r.patientId().equals("P004") && r.heartRate() > NEWS2_HIGH_PULSE));
                assertThat(readings).extracting(VitalSigns::patientId).contains("P001", "P002", "P003", "P004");
                assertThat(readings).as("the patients who stay well")
                        .filteredOn(r -> r.patientId().equals("P001") || r.patientId().equals("P002"))
                        .allSatisfy(r -> assertThat(r.spo2()).isGreaterThanOrEqualTo(88));

                CommandReply reply = server.devices().send("P003", DeviceCommand.REQUEST_READING, PATIENCE)
                        .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(reply.outcome()).as("a command to a simulated device").isEqualTo(CommandReply.Outcome.DONE);
            }
            await("every device to hang up").atMost(PATIENCE).until(() -> server.stats().openConnections() == 0);
        }
    }

    @Test
    void onlyP003AndP004FollowAScript() {
        assertThat(SimulatedDevices.scriptFor("P001")).isNull();
        assertThat(SimulatedDevices.scriptFor("P003").name()).isEqualTo("falling SpO2");
        assertThat(SimulatedDevices.scriptFor("P004").name()).isEqualTo("climbing NEWS2");
        assertThat(SimulatedDevices.scriptFor("P005")).isNull();
    }

    @Test
    void aBadArgumentStartsNothing() {
        assertThatThrownBy(() -> SimulatedDevices.start("127.0.0.1", 5050, -1, FAST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> SimulatedDevices.start("127.0.0.1", 5050, 2, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
    }
}
