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
import java.util.Set;
import java.util.TreeSet;
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
                .until(() -> record(a).writer().written() + record(b).writer().written() >= 2L * READINGS_PER_NODE + 1);
        assertThat(record(a).writer().written() + record(b).writer().written())
                .as("readings the two writers wrote, together").isEqualTo(2L * READINGS_PER_NODE + 1);

        String history = "/api/patients/" + ICU_PATIENT + "/history?from=" + now.minusSeconds(60) + "&to=" + now.plusSeconds(1);
        JsonNode historyOnA = nodes.getJson(a, history, doctorOnA);
        JsonNode historyOnB = nodes.getJson(b, history, doctorOnB);
        assertThat(historyOnA.path("points")).as("the history on node a").hasSize(2 * READINGS_PER_NODE);
        assertThat(historyOnB).as("the history on node b, against node a's").isEqualTo(historyOnA);

        String alerts = "/api/alerts?patient=" + CARDIOLOGY_PATIENT;
        await("the alert raised on b, on both nodes").atMost(PATIENCE).until(() ->
                nodes.getJson(a, alerts, doctorOnA).path("active").size() == 1
                        && nodes.getJson(b, alerts, doctorOnB).path("active").size() == 1);
        JsonNode alertsOnA = nodes.getJson(a, alerts, doctorOnA);
        assertThat(alertsOnA.path("active").get(0).path("id").asString()).as("the alert on node a: %s", alertsOnA)
                .startsWith("b.");
        assertThat(nodes.getJson(b, alerts, doctorOnB)).as("the alerts on node b, against node a's").isEqualTo(alertsOnA);

        String adminOnA = nodes.signIn(a, RecordNodes.ADMIN);
        String adminOnB = nodes.signIn(b, RecordNodes.ADMIN);
        long inFileA = Files.readAllLines(nodes.auditFile("a")).size();
        long inFileB = Files.readAllLines(nodes.auditFile("b")).size();
        String audit = "/api/admin/audit?limit=200";
        await("both nodes' audit records in the table").atMost(PATIENCE).until(() ->
                TestDatabase.number(db, "select count(*) from audit_records") >= inFileA + inFileB);
        await("the same audit answer from both nodes, with records of both").atMost(PATIENCE).untilAsserted(() -> {
            JsonNode auditOnA = nodes.getJson(a, audit, adminOnA);
            assertThat(nodesOf(auditOnA)).as("the nodes in node a's audit answer").containsExactly("a", "b");
            assertThat(nodes.getJson(b, audit, adminOnB)).as("the audit on node b, against node a's").isEqualTo(auditOnA);
        });
    }

    private static Set<String> nodesOf(JsonNode auditAnswer) {
        Set<String> nodes = new TreeSet<>();
        auditAnswer.findValuesAsString("node").forEach(nodes::add);
        return nodes;
    }
}
