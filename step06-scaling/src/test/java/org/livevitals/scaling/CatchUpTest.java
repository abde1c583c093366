package org.livevitals.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.scaling.Cluster.ICU_PATIENT;
import static org.livevitals.scaling.Cluster.publish;
import static org.livevitals.scaling.Cluster.reading;

import io.lettuce.core.XAddArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.Scenario;
import tools.jackson.databind.JsonNode;

/**
 * Lab 6: pub/sub gives a message only to whoever listens at that moment. A node whose subscription was
 * cut gets back, by itself, what was published meanwhile: from the stream.
 */
class CatchUpTest extends ClusterScenario {

    /** Published at once after the cut, long before Lettuce's reconnect (200 ms later) can hear any of them live. */
    private static final int PUBLISHED_WHILE_CUT = 20;

    private ScalingServer a;
    private NodeClient.Dashboard doctorOnB;
    /** The number of the last reading the doctor on node b got before the cut. */
    private long before;

    @BeforeEach
    void twoNodesAndADoctorOnB() throws Exception {
        a = cluster.node("a");
        ScalingServer b = cluster.node("b");
        doctorOnB = client.open(b, NodeClient.DOCTOR);
        publish(a, reading(ICU_PATIENT, 60));
        before = doctorOnB.nextReadingOf(ICU_PATIENT).path("seq").asLong();
    }

    @Test
    @Scenario("L6-21")
    void aNodeWhoseSubscriptionWasCutDeliversWhatWasPublishedMeanwhileFromTheStream() throws Exception {
        cluster.cutSubscriptions();
        for (int i = 1; i <= PUBLISHED_WHILE_CUT; i++) {
            publish(a, reading(ICU_PATIENT, 60 + i));
        }

        List<Integer> pulses = nextPulsesInOrder(PUBLISHED_WHILE_CUT);
        for (int i = 0; i < PUBLISHED_WHILE_CUT; i++) {
            assertThat(pulses.get(i)).as("reading %d after the cut (all: %s)", i + 1, pulses).isEqualTo(61 + i);
        }
    }

    @Test
    void aCatchUpTakesTheTimesOfTheReadingsAsWrittenWhereverTheNodeClockStands() throws Exception {
        cluster.cutSubscriptions();
        publish(a, AcceptedReadingTimeTest.stampedLongAgo(reading(ICU_PATIENT, 61))); // first: it must not end the catch-up
        for (int pulse = 62; pulse <= 70; pulse++) {
            publish(a, reading(ICU_PATIENT, pulse));
        }

        assertThat(nextPulsesInOrder(10)).containsExactly(61, 62, 63, 64, 65, 66, 67, 68, 69, 70);
    }

    @Test
    void aStreamEntryThatDoesNotReadAsAMessageIsSkippedAndTheCatchUpGoesOn() throws Exception {
        cluster.cutSubscriptions();
        publish(a, reading(ICU_PATIENT, 61));
        await("node a's reading numbered").atMost(Cluster.PATIENCE)
                .until(() -> String.valueOf(before + 1).equals(cluster.redisCli().get(RedisKeys.SEQ)));
        // a stray writer (a half-upgraded node) numbers an entry as the script does, but leaves its JSON out
        long stray = cluster.redisCli().incr(RedisKeys.SEQ);
        cluster.redisCli().xadd(RedisKeys.STREAM, new XAddArgs().id(RedisKeys.streamId(stray)), Map.of("patient", ICU_PATIENT));
        publish(a, reading(ICU_PATIENT, 63));

        JsonNode first = doctorOnB.nextReadingOf(ICU_PATIENT);
        JsonNode second = doctorOnB.nextReadingOf(ICU_PATIENT);
        assertThat(first.path("vitals").path("heartRate").path("value").asInt()).isEqualTo(61);
        assertThat(second.path("vitals").path("heartRate").path("value").asInt()).as("the reading after the stray entry")
                .isEqualTo(63);
        assertThat(second.path("seq").asLong()).isEqualTo(stray + 1);
    }

    /** The pulses of the doctor's next readings, each checked to be numbered right after the one before. */
    private List<Integer> nextPulsesInOrder(int count) throws Exception {
        List<Integer> pulses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode next = doctorOnB.nextReadingOf(ICU_PATIENT);
            assertThat(next.path("seq").asLong()).as("the number of reading %d after the cut (before it: %s)", i + 1, pulses)
                    .isEqualTo(before + 1 + i);
            pulses.add(next.path("vitals").path("heartRate").path("value").asInt());
        }
        return pulses;
    }
}
