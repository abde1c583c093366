package org.livevitals.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livevitals.scaling.Cluster.ICU_PATIENT;
import static org.livevitals.scaling.Cluster.publish;
import static org.livevitals.scaling.Cluster.reading;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.VitalSigns;

/**
 * Lab 6: a reading's time is judged once, by the node it came in on. The other nodes, reading the copy
 * the backplane carries, do not judge it again against their own clocks: a reading the device was told
 * was accepted reaches the dashboards on every node. (A copy caught up from the stream: {@link CatchUpTest}.)
 */
class AcceptedReadingTimeTest extends ClusterScenario {

    /** Older than {@code ReadingTime.MAX_AGE} by the time any node reads it again. */
    private static final Duration LONG_AGO = Duration.ofHours(25);

    @Test
    void aReadingAcceptedOnOneNodeReachesTheOthersWhateverItsTimeSays() throws Exception {
        ScalingServer a = cluster.node("a");
        ScalingServer b = cluster.node("b");
        NodeClient.Dashboard doctorOnB = client.open(b, NodeClient.DOCTOR);

        publish(a, stampedLongAgo(reading(ICU_PATIENT, 61)));
        publish(a, reading(ICU_PATIENT, 62));

        assertThat(doctorOnB.nextReadingOf(ICU_PATIENT).path("vitals").path("heartRate").path("value").asInt())
                .as("the reading stamped %s ago, live through the backplane", LONG_AGO).isEqualTo(61);
        assertThat(doctorOnB.nextReadingOf(ICU_PATIENT).path("vitals").path("heartRate").path("value").asInt())
                .isEqualTo(62);
    }

    /** The reading, stamped as if taken more than a day ago: as a node that accepted it earlier might have published it. */
    static VitalSigns stampedLongAgo(VitalSigns reading) {
        return new VitalSigns(reading.patientId(), Instant.now().minus(LONG_AGO), reading.heartRate(), reading.spo2(),
                reading.temperature(), reading.systolic(), reading.diastolic(), reading.respiratoryRate());
    }
}
