package org.livevitals.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.VitalSigns;

/** How the cluster's nodes share the patients they publish, and that each patient's readings have times of their own. */
class PublisherTest {

    private static final int PATIENTS = 50;

    @Test
    void everyPatientIsPublishedThroughExactlyOneNode() {
        for (int nodes = 1; nodes <= 3; nodes++) {
            int count = nodes;
            assertThat(IntStream.range(0, PATIENTS)).as("%d nodes", nodes).allSatisfy(patient ->
                    assertThat(IntStream.range(0, count).filter(node -> Publisher.publishesHere(patient, PATIENTS, node, count)).count())
                            .isEqualTo(1));
        }
    }

    @Test
    void twoNodesPublishHalfThePatientsEachAndBothWards() {
        // Lab 5's wards for the load test: odd patient numbers (even indexes) on the ICU, even ones on cardiology.
        for (int node = 0; node < 2; node++) {
            int mine = node;
            int[] patients = IntStream.range(0, PATIENTS).filter(patient -> Publisher.publishesHere(patient, PATIENTS, mine, 2)).toArray();
            assertThat(patients).as("node %d", node).hasSize(PATIENTS / 2);
            assertThat(IntStream.of(patients).anyMatch(patient -> patient % 2 == 0)).as("node %d on the ICU", node).isTrue();
            assertThat(IntStream.of(patients).anyMatch(patient -> patient % 2 == 1)).as("node %d on cardiology", node).isTrue();
        }
    }

    @Test
    void eachPatientsReadingsHaveDistinctTimesEvenWhenTheClockHasNotMovedOn() {
        // 2 patients at 2 kHz: each patient's readings are due every 0.5 ms, so the clock's millisecond repeats.
        List<VitalSigns> published = new ArrayList<>();
        Publisher publisher = new Publisher(new Collecting(published), 2, 2_000, 1);

        long total = publisher.run();

        assertThat(published).hasSize((int) total);
        assertThat(publisher.nudged()).isPositive();
        published.stream().collect(Collectors.groupingBy(VitalSigns::patientId)).forEach((patient, readings) ->
                assertThat(readings).as(patient).isSortedAccordingTo(Comparator.comparing(VitalSigns::takenAt))
                        .doesNotHaveDuplicates()
                        .extracting(VitalSigns::takenAt).doesNotHaveDuplicates());
    }

    /** A target that keeps what it is sent. */
    private record Collecting(List<VitalSigns> readings) implements BroadcastTarget {

        @Override
        public int port() {
            return 0;
        }

        @Override
        public int connections() {
            return 0;
        }

        @Override
        public void publish(long pub, long dueMicros, VitalSigns reading) {
            readings.add(reading);
        }

        @Override
        public void sendToAll(String json) {}

        @Override
        public void close() {}
    }
}
