package org.livevitals.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How the cluster's nodes share the patients they publish. */
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
}
