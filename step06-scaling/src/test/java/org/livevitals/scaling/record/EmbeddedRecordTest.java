package org.livevitals.scaling.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.scaling.record.RecordNodes.ICU_PATIENT;
import static org.livevitals.scaling.record.RecordNodes.PATIENCE;
import static org.livevitals.scaling.record.RecordNodes.publish;
import static org.livevitals.scaling.record.RecordNodes.reading;
import static org.livevitals.scaling.record.RecordNodes.record;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.scaling.ScalingServer;
import org.livevitals.testkit.Scenario;
import tools.jackson.databind.JsonNode;

/** Lab 6, part 2: with no database configured, the node keeps its record in an embedded PostgreSQL that outlives it. */
class EmbeddedRecordTest extends RecordScenario {

    private static final int READINGS = 20;

    @Test
    @Scenario("L6-24")
    void historySurvivesARestartOfTheNodeAndOfTheEmbeddedDatabaseOnTheSameDataDirectory() throws Exception {
        Path postgresDir = dataDir.resolve("postgres");
        ScalingServer first = nodes.node("n1", RecordSettings.embedded(postgresDir));
        assertThat(record(first).embeddedDirectory()).as("where the embedded database keeps its data").isEqualTo(postgresDir);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<VitalSigns> published = new ArrayList<>();
        for (int i = 0; i < READINGS; i++) {
            published.add(reading(ICU_PATIENT, now.minusSeconds(READINGS - i), 60 + i));
        }
        published.forEach(reading -> publish(first, reading));
        await("the readings written").atMost(PATIENCE).until(() -> record(first).writer().readingsWritten() == READINGS);

        nodes.stop(first); // the node and its embedded PostgreSQL stop; the data directory stays
        assertThat(Files.exists(postgresDir.resolve("postmaster.pid")))
                .as("a postmaster.pid left in %s: the embedded database did not stop", postgresDir).isFalse();
        ScalingServer second = nodes.node("n1", RecordSettings.embedded(postgresDir));

        String doctor = nodes.signIn(second, RecordNodes.DOCTOR);
        JsonNode history = nodes.getJson(second, "/api/patients/" + ICU_PATIENT + "/history?from="
                + now.minusSeconds(5 * 60) + "&to=" + now.plusSeconds(1), doctor);
        List<Integer> pulses = new ArrayList<>();
        history.path("points").forEach(point -> pulses.add(point.path("heartRate").asInt()));
        assertThat(pulses).as("the history after the restart: %s", history)
                .containsExactlyElementsOf(published.stream().map(VitalSigns::heartRate).toList());
    }
}
