package org.livevitals.scaling.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.scaling.record.RecordNodes.CARDIOLOGY_PATIENT;
import static org.livevitals.scaling.record.RecordNodes.ICU_PATIENT;
import static org.livevitals.scaling.record.RecordNodes.PATIENCE;
import static org.livevitals.scaling.record.RecordNodes.publish;
import static org.livevitals.scaling.record.RecordNodes.reading;
import static org.livevitals.scaling.record.RecordNodes.record;

import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.scaling.ScalingServer;
import org.livevitals.testkit.Scenario;
import tools.jackson.databind.JsonNode;

/** Lab 6, part 2: the nodes of a cluster share one database, so any of them answers with the cluster's record. */
class SharedRecordTest extends RecordScenario {

    private static final int READINGS_PER_NODE = 10;
    /** Below Lab 5's SpO2 limit: raises an alert on the node that hears it. */
    private static final int LOW_SPO2 = 85;

    @Test
    @Scenario("L6-29")
    void twoNodesAnswerTheSameHistoryAlertsAndAudit() throws Exception {
        ScalingServer a = nodes.clusterNode("a", db);
        ScalingServer b = nodes.clusterNode("b", db);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<VitalSigns> heardByA = new ArrayList<>();
        List<VitalSigns> heardByB = new ArrayList<>();
        for (int i = 0; i < READINGS_PER_NODE; i++) {
            heardByA.add(reading(ICU_PATIENT, now.minusSeconds(2L * (READINGS_PER_NODE - i)), 60 + i));
            heardByB.add(reading(ICU_PATIENT, now.minusSeconds(2L * (READINGS_PER_NODE - i) - 1), 80 + i));
        }
        heardByA.forEach(reading -> publish(a, reading));
        heardByB.forEach(reading -> publish(b, reading));
        publish(b, new VitalSigns(CARDIOLOGY_PATIENT, now, 75, LOW_SPO2, 37.0, 120, 80, 16)); // an alert raised on b
        String doctorOnA = nodes.signIn(a, RecordNodes.DOCTOR);
        String doctorOnB = nodes.signIn(b, RecordNodes.DOCTOR);
        await("the readings of both nodes stored").atMost(PATIENCE).until(() ->
                TestDatabase.number(db, "select count(*) from readings") >= 2L * READINGS_PER_NODE + 1);

        // Each reading reaches both nodes through Redis; only the node that heard it writes it.
        assertThat(TestDatabase.number(db, "select count(*) from readings where node_id = 'a'"))
                .as("rows written by node a").isEqualTo(READINGS_PER_NODE);
        await("both writers' counts").atMost(PATIENCE)
                .until(() -> record(a).writer().readingsWritten() + record(b).writer().readingsWritten() >= 2L * READINGS_PER_NODE + 1);
        assertThat(record(a).writer().readingsWritten() + record(b).writer().readingsWritten())
                .as("readings the two writers wrote, together").isEqualTo(2L * READINGS_PER_NODE + 1);

        String history = "/api/patients/" + ICU_PATIENT + "/history?from=" + now.minusSeconds(60) + "&to=" + now.plusSeconds(1);
        JsonNode historyOnA = nodes.getJson(a, history, doctorOnA);
        JsonNode historyOnB = nodes.getJson(b, history, doctorOnB);
        assertThat(historyOnA.path("points")).as("the history on node a").hasSize(2 * READINGS_PER_NODE);
        assertThat(historyOnB).as("the history on node b, against node a's").isEqualTo(historyOnA);

        String alerts = "/api/alerts?patient=" + CARDIOLOGY_PATIENT;
        await("the alerts raised on b, the same on both nodes").atMost(PATIENCE).untilAsserted(() -> {
            JsonNode onA = nodes.getJson(a, alerts, doctorOnA);
            assertThat(onA.path("active").findValuesAsString("source")).as("active alerts on node a: %s", onA)
                    .contains("SpO2");
            assertThat(nodes.getJson(b, alerts, doctorOnB)).as("the alerts on node b, against node a's").isEqualTo(onA);
        });
        assertThat(nodes.getJson(a, alerts, doctorOnA).path("active").findValuesAsString("id"))
                .as("the alerts' ids on node a: raised by node b").allSatisfy(id -> assertThat(id).startsWith("b."));

        String adminOnA = nodes.signIn(a, RecordNodes.ADMIN);
        String adminOnB = nodes.signIn(b, RecordNodes.ADMIN);
        // Reading the audit is audited too: compare the records made up to now, which every answer must hold.
        Map<String, Long> madeSoFar = Map.of("a", (long) Files.readAllLines(nodes.auditFile("a")).size(),
                "b", (long) Files.readAllLines(nodes.auditFile("b")).size());
        String audit = "/api/admin/audit?limit=200"; // a few dozen records are made: all of them
        await("the same audit records from both nodes").atMost(PATIENCE).untilAsserted(() -> {
            List<JsonNode> onA = madeUpTo(nodes.getJson(a, audit, adminOnA), madeSoFar);
            List<JsonNode> onB = madeUpTo(nodes.getJson(b, audit, adminOnB), madeSoFar);
            assertThat(onA).as("node a's answer, records made so far: %s", madeSoFar)
                    .hasSize((int) (madeSoFar.get("a") + madeSoFar.get("b")));
            assertThat(onB).as("node b's answer, against node a's").isEqualTo(onA);
        });
    }

    /** The records of an audit answer that were made by the time of {@code madeSoFar} (per node, how many). */
    private static List<JsonNode> madeUpTo(JsonNode auditAnswer, Map<String, Long> madeSoFar) {
        List<JsonNode> records = new ArrayList<>();
        for (JsonNode record : auditAnswer) {
            if (record.path("n").asLong() <= madeSoFar.getOrDefault(record.path("node").asString(), 0L)) {
                records.add(record);
            }
        }
        return records;
    }

}
