package org.livevitals.scaling.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.scaling.record.RecordNodes.PATIENCE;
import static org.livevitals.scaling.record.RecordNodes.publish;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.scaling.Main;
import org.livevitals.scaling.ScalingServer;
import org.livevitals.testkit.Scenario;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * Lab 6, part 2: what the record does when a node starts again, and the verifier of the record's audit
 * table on the command line.
 */
class NodeRestartRecordTest extends RecordScenario {

    /** Below Lab 5's SpO2 limit: raises an alert on the node that hears it. */
    private static final int LOW_SPO2 = 85;

    @Test
    @Scenario("L6-34")
    void aRestartedNodeEndsTheAlertsItsEarlierRunLeftActiveAndSaysWhy() throws Exception {
        ScalingServer first = nodes.node("n1", db);
        publish(first, new VitalSigns(RecordNodes.ICU_PATIENT, Instant.now().truncatedTo(ChronoUnit.MILLIS), 75, LOW_SPO2,
                37.0, 120, 80, 16));
        String doctor = nodes.signIn(first, RecordNodes.DOCTOR);
        // SpO2, and NEWS2 too: the node shows both at once, and writes them to the record a moment later
        await("the alerts active in the record").atMost(PATIENCE).until(() -> {
            int shown = nodes.getJson(first, "/api/alerts", doctor).path("active").size();
            return shown > 0 && TestDatabase.number(db, "select count(*) from alerts where state = 'unacknowledged'") == shown;
        });
        long active = TestDatabase.number(db, "select count(*) from alerts where state = 'unacknowledged'");
        nodes.stop(first); // its alert center, and the alerts in it, are gone with it

        ScalingServer again = nodes.node("n1", db);
        String doctorAgain = nodes.signIn(again, RecordNodes.DOCTOR);
        JsonNode alerts = nodes.getJson(again, "/api/alerts", doctorAgain);

        assertThat(alerts.path("active").size()).as("active alerts after the restart: %s", alerts).isZero();
        assertThat(TestDatabase.number(db, "select count(*) from alerts where state = 'ended'"))
                .as("alerts of the earlier run, ended").isEqualTo(active);
        assertThat(TestDatabase.number(db,
                "select count(*) from alert_changes where event = 'node-restarted' and state = 'ended'"))
                .as("the changes that say why").isEqualTo(active);
        assertThat(TestDatabase.number(db, "select count(*) from alert_changes where event = 'raised'"))
                .as("the alerts' own history stays").isEqualTo(active);
    }

    @Test
    @Scenario("L6-35")
    void verifyRecordSaysEachChainIsIntactThenNamesTheRecordASuperuserChanged() throws Exception {
        ScalingServer node = nodes.node("n1", db);
        for (int i = 0; i < 3; i++) {
            nodes.signIn(node, RecordNodes.DOCTOR);
        }
        await("three sign-ins in the audit table").atMost(PATIENCE)
                .until(() -> TestDatabase.number(db, "select count(*) from audit_records where action = 'sign-in'") >= 3);
        String url = db.jdbcUrl() + "?user=" + TestDatabase.SUPERUSER;

        Verified intact = verifyRecord(url);
        assertThat(intact.exitCode()).as("exit code; it printed %s", intact.out()).isEqualTo(VerifyRecordCommand.INTACT);
        assertThat(intact.out()).startsWith("n1: audit trail intact: ");

        try (Connection superuser = TestDatabase.superuser(db); Statement sql = superuser.createStatement()) {
            sql.execute("SET session_replication_role = replica"); // a superuser switches the triggers off for a moment
            sql.execute("UPDATE audit_records SET outcome = 'refused: quietly' WHERE node_id = 'n1' AND n = 2");
        }
        Verified broken = verifyRecord(url);

        assertThat(broken.exitCode()).as("exit code; it printed %s", broken.out()).isEqualTo(VerifyRecordCommand.BROKEN);
        assertThat(broken.out()).contains("n1: audit trail broken at record 2: record 2 was edited");
        assertThat(verifyRecord("jdbc:postgresql://127.0.0.1:1/nowhere").exitCode())
                .as("a database that cannot be reached").isEqualTo(VerifyRecordCommand.UNREADABLE);
    }

    private record Verified(int exitCode, String out) {}

    private static Verified verifyRecord(String url) {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(new StringWriter()));
        int exitCode = command.execute("verify-record", "--database-url", url);
        return new Verified(exitCode, out.toString());
    }
}
