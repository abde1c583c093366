package org.livevitals.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.scaling.Cluster.ICU_PATIENT;
import static org.livevitals.scaling.Cluster.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.DeviceSimulator;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.rawsockets.VitalsGenerator;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.SettableClock;
import tools.jackson.databind.JsonNode;

/** Lab 6: what a clinician does on one node reaches the node that holds the alert, or the device. */
class ClusterRequestsTest extends ClusterScenario {

    /** Long enough that a simulated device sends its first reading and then only what it is asked for. */
    private static final Duration RARELY = Duration.ofHours(1);
    private static final Duration DEVICE_RECONNECT = Duration.ofSeconds(1);


    private static VitalSigns lowSpo2(String patient) {
        return new VitalSigns(patient, Instant.now(), 70, 85, 37.0, 120, 80, 16);
    }

    @Test
    @Scenario("L6-04")
    void anAcknowledgementOnOneNodeSilencesTheAlertForDashboardsOnAnother() throws Exception {
        ScalingServer a = cluster.node("a");
        ScalingServer b = cluster.node("b");
        NodeClient.Dashboard doctorOnA = client.open(a, NodeClient.DOCTOR);
        NodeClient.Dashboard nurseOnB = client.open(b, NodeClient.ICU_NURSE);

        publish(a, lowSpo2(ICU_PATIENT)); // heard on node a: the alert lives there
        JsonNode raised = nurseOnB.nextOfType("alert");
        while (!"SpO2".equals(raised.path("source").asString())) {
            raised = nurseOnB.nextOfType("alert");
        }
        String id = raised.path("id").asString();
        assertThat(id).as("an alert id names the node that holds it").startsWith("a.");

        NodeClient.Dashboard openedLater = client.open(b, NodeClient.DOCTOR);
        assertThat(openedLater.opening.get(openedLater.opening.size() - 1).path("active").findValuesAsString("id"))
                .as("the alerts a dashboard opening on node b is told of").contains(id);

        nurseOnB.send("{\"type\":\"acknowledge\",\"alert\":\"" + id + "\"}");

        JsonNode change = doctorOnA.nextOfType("alert");
        while (!(id.equals(change.path("id").asString()) && "acknowledged".equals(change.path("state").asString()))) {
            change = doctorOnA.nextOfType("alert");
        }
        assertThat(change.path("acknowledgedBy").asString()).as("who acknowledged, seen on node a").isEqualTo("nurse.kim");
        await("node a's audit record: the node that holds the alert").atMost(Cluster.PATIENCE).untilAsserted(() ->
                assertThat(a.secure().audit().recent(20)).anySatisfy(record -> {
                    assertThat(record.action()).isEqualTo("acknowledge");
                    assertThat(record.user()).isEqualTo("nurse.kim");
                }));
    }

    @Test
    @Scenario("L6-05")
    void aCommandFromADashboardOnOneNodeReachesADeviceOnAnotherAndTheAnswerComesBack() throws Exception {
        ScalingServer a = cluster.node("a");
        ScalingServer b = cluster.node("b");
        NodeClient.Dashboard doctorOnA = client.open(a, NodeClient.DOCTOR);
        try (DeviceSimulator device = new DeviceSimulator("localhost", b.devicePort(),
                new VitalsGenerator(ICU_PATIENT, new Random(6), Clock.systemUTC()), RARELY, DEVICE_RECONNECT).start()) {
            await("the device's first reading, on node b").atMost(Cluster.PATIENCE).until(() -> device.acknowledged() == 1);
            doctorOnA.nextReadingOf(ICU_PATIENT);

            doctorOnA.send("{\"type\":\"command\",\"requestId\":\"r1\",\"patient\":\"" + ICU_PATIENT
                    + "\",\"command\":\"request-reading\"}");

            JsonNode result = doctorOnA.nextOfType("command-result");
            assertThat(result.path("requestId").asString()).isEqualTo("r1");
            assertThat(result.path("outcome").asString()).as("%s", result).isEqualTo("done");
            await("the fresh reading the device sent").atMost(Cluster.PATIENCE).until(() -> device.acknowledged() == 2);
        }
    }

    @Test
    @Scenario("L6-39")
    void theNoteOfWhichNodeHasADeviceExpiresUnlessReadingsRenewItAndGoesWhenTheDeviceDisconnects() throws Exception {
        ScalingServer b = cluster.node("b");
        String note = RedisKeys.deviceNode(ICU_PATIENT);
        try (DeviceSimulator device = new DeviceSimulator("localhost", b.devicePort(),
                new VitalsGenerator(ICU_PATIENT, new Random(39), Clock.systemUTC()), RARELY, DEVICE_RECONNECT).start()) {
            await("the device's first reading, noted in Redis").atMost(Cluster.PATIENCE)
                    .until(() -> "b".equals(cluster.redisCli().get(note)));
            assertThat(cluster.redisCli().pttl(note)).as("%s expires, unless the device's readings renew it", note)
                    .isBetween(1L, RedisBackplane.FORGET_AFTER.toMillis());
        }

        await("the note gone after the device disconnected").atMost(Cluster.PATIENCE)
                .until(() -> cluster.redisCli().exists(note) == 0);
    }

    @Test
    void aConnectedDevicesNoteIsRenewedEvenIfItSendsNothingForLongerThanTheNoteLasts() throws Exception {
        SettableClock clock = new SettableClock(Instant.now());
        ScalingServer b = cluster.node("b", clock);
        String note = RedisKeys.deviceNode(ICU_PATIENT);
        try (DeviceSimulator device = new DeviceSimulator("localhost", b.devicePort(),
                new VitalsGenerator(ICU_PATIENT, new Random(40), Clock.systemUTC()), RARELY, DEVICE_RECONNECT).start()) {
            await("the device's first reading, noted in Redis").atMost(Cluster.PATIENCE)
                    .until(() -> "b".equals(cluster.redisCli().get(note)));
            cluster.redisCli().pexpire(note, 60_000); // as if most of the hour had passed without a reading

            clock.advance(RedisBackplane.FORGET_AFTER.dividedBy(4));

            await("the note written again while the device is connected").atMost(Cluster.PATIENCE)
                    .until(() -> cluster.redisCli().pttl(note) > 60_000);
            assertThat(cluster.redisCli().get(note)).isEqualTo("b");
        }
    }
}
