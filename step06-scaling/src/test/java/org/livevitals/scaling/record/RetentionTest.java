package org.livevitals.scaling.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.scaling.record.RecordNodes.CARDIOLOGY_PATIENT;
import static org.livevitals.scaling.record.RecordNodes.ICU_PATIENT;
import static org.livevitals.scaling.record.RecordNodes.PATIENCE;
import static org.livevitals.scaling.record.RecordNodes.publish;
import static org.livevitals.scaling.record.RecordNodes.reading;
import static org.livevitals.scaling.record.RecordNodes.record;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.scaling.ScalingServer;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.SettableClock;

/** Lab 6, part 2: readings are kept for a configured time; alerts and the audit trail are kept for good. */
class RetentionTest extends RecordScenario {

    private static final Duration KEEP_READINGS = Duration.ofDays(30);
    /** How far back the node's clock starts: older than what is kept once it is moved to now. */
    private static final Duration AGO = Duration.ofDays(40);
    private static final int OLD_READINGS = 10;
    private static final int NEW_READINGS = 5;
    /** Below Lab 5's SpO2 limit: raises an alert. */
    private static final int LOW_SPO2 = 85;

    @Test
    @Scenario("L6-30")
    void retentionDeletesOldReadingsAndKeepsAlertsAndAudit() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SettableClock clock = new SettableClock(now.minus(AGO));
        ScalingServer node = nodes.node("n1", db.withKeepReadings(KEEP_READINGS), clock);
        for (int i = 0; i < OLD_READINGS; i++) {
            publish(node, reading(ICU_PATIENT, clock.instant().minusSeconds(OLD_READINGS - i), 60 + i));
        }
        publish(node, new VitalSigns(CARDIOLOGY_PATIENT, clock.instant(), 75, LOW_SPO2, 37.0, 120, 80, 16));
        nodes.signIn(node, RecordNodes.DOCTOR); // an audit record, 40 days ago by the node's clock
        await("the old readings, the alert and the audit record stored").atMost(PATIENCE).until(() ->
                count("readings") == OLD_READINGS + 1 && count("alerts") >= 1 && count("alert_changes") >= 1
                        && count("audit_records") >= 1);

        clock.advance(AGO);
        List<VitalSigns> fresh = new ArrayList<>();
        for (int i = 0; i < NEW_READINGS; i++) {
            fresh.add(reading(ICU_PATIENT, clock.instant().minusSeconds(NEW_READINGS - i), 90 + i));
        }
        fresh.forEach(reading -> publish(node, reading));
        nodes.signIn(node, RecordNodes.DOCTOR);
        await("the new readings stored").atMost(PATIENCE)
                .until(() -> count("readings") == OLD_READINGS + 1 + NEW_READINGS);
        List<String> alerts = keys("select alert_id || ' ' || raised_at from alerts");
        List<String> changes = keys("select alert_id || ' ' || changed_at || ' ' || event from alert_changes");
        List<String> audit = keys("select node_id || ' ' || n || ' ' || hash from audit_records");

        long deleted = record(node).retention().runOnce();

        assertThat(deleted).as("rows deleted: the readings older than %s", KEEP_READINGS).isEqualTo(OLD_READINGS + 1L);
        assertThat(keys("select taken_at::text from readings order by taken_at")).as("the readings kept")
                .hasSize(NEW_READINGS);
        assertThat(TestDatabase.number(db, "select count(*) from readings where taken_at < now() - interval '30 days'"))
                .as("readings older than %s left", KEEP_READINGS).isZero();
        assertThat(keys("select alert_id || ' ' || raised_at from alerts")).as("the alerts after retention")
                .containsAll(alerts).isNotEmpty();
        assertThat(keys("select alert_id || ' ' || changed_at || ' ' || event from alert_changes"))
                .as("the alerts' changes after retention").containsAll(changes).isNotEmpty();
        assertThat(keys("select node_id || ' ' || n || ' ' || hash from audit_records")).as("the audit after retention")
                .containsAll(audit);
        assertThat(TestDatabase.number(db, "select count(*) from audit_records where time < now() - interval '30 days'"))
                .as("audit records older than %s kept", KEEP_READINGS).isPositive();
    }

    private long count(String table) throws SQLException {
        return TestDatabase.number(db, "select count(*) from " + table);
    }

    private List<String> keys(String sql) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection connection = TestDatabase.superuser(db); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }
}
