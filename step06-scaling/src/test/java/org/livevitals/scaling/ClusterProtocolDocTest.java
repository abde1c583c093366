package org.livevitals.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.CourseFiles;

/** labs/protocol.md states Lab 6's limits and words; this fails when the doc and the code drift apart. */
class ClusterProtocolDocTest {

    private static final String DOC = "labs/protocol.md";

    @Test
    void limitsInTheDocAreTheValuesInTheCode() {
        Map<String, String> rows = CourseFiles.secondCellByFirst(DOC);
        assertThat(rows).as("Lab 6 limits in %s", DOC)
                .hasEntrySatisfying("Backplane messages waiting on a node", value -> assertThat(value)
                        .startsWith(String.format("%,d;", RedisBackplane.INBOX_CAPACITY)))
                .hasEntrySatisfying("Time a Redis command may take", value -> assertThat(value)
                        .startsWith(RedisBackplane.COMMAND_TIMEOUT.toSeconds() + " s"))
                .hasEntrySatisfying("Reconnecting to Redis", value -> assertThat(value)
                        .startsWith("every " + RedisBackplane.RECONNECT_DELAY.toMillis() + " ms"))
                .hasEntrySatisfying("Questions one node waits on", value -> assertThat(value)
                        .startsWith(String.format("%,d;", NodeMailbox.MAX_WAITING)))
                .hasEntrySatisfying("Questions from other nodes waiting to be answered", value -> assertThat(value)
                        .startsWith(String.format("%,d;", NodeMailbox.MAX_QUEUED)))
                .hasEntrySatisfying("Time to wait for an acknowledgement on another node", value -> assertThat(value)
                        .startsWith(ClusterAlertDesk.PATIENCE.toSeconds() + " s"))
                .hasEntrySatisfying("Extra time for a command on another node", value -> assertThat(value)
                        .startsWith(ClusterBedside.ROUND_TRIP.toSeconds() + " s")
                        .contains("at most " + ClusterBedside.MAX_TIMEOUT.toSeconds() + " s"))
                .hasEntrySatisfying("Patients whose latest reading Redis keeps, per ward", value -> assertThat(value)
                        .startsWith(RedisBackplane.MAX_PATIENTS_PER_WARD + ";"))
                .hasEntrySatisfying("How long Redis remembers a silent patient", value -> assertThat(value)
                        .startsWith(RedisBackplane.FORGET_AFTER.toHours() + " h"));
    }

    @Test
    void theCloseAndTheKeysInTheDocAreTheCodes() {
        String doc = CourseFiles.read(DOC);
        assertThat(doc).as(DOC)
                .contains("| 1012 |")
                .contains("`" + RedisBackplane.BACKPLANE_RESTARTED + "`")
                .contains("`" + RedisKeys.EPOCH + "`", "`" + RedisKeys.SEQ + "`", "`" + RedisKeys.STREAM + "`",
                        "`" + RedisKeys.ALERTS + "`", "`" + RedisKeys.deviceNode("<patient>") + "`",
                        "`" + RedisKeys.latestOf(RedisKeys.topic(java.util.Optional.of("<ward>"))) + "`",
                        "`" + RedisKeys.latestTimesOf(RedisKeys.topic(java.util.Optional.of("<ward>"))) + "`",
                        "`" + RedisKeys.latestTakenOf(RedisKeys.topic(java.util.Optional.of("<ward>"))) + "`",
                        "`" + NodeMailbox.topicOf("<id>") + "`");
    }
}
