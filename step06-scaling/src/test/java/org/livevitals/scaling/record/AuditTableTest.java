package org.livevitals.scaling.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.scaling.record.RecordNodes.PATIENCE;
import static org.livevitals.scaling.record.RecordNodes.record;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livevitals.scaling.ScalingServer;
import org.livevitals.security.AuditRecord;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.TcpFaultProxy;
import tools.jackson.databind.JsonNode;

/**
 * Lab 6, part 2: Lab 5's audit trail in the audit_records table, where the database itself keeps it
 * append-only, and the verifier still finds what a superuser changed behind everyone's back.
 */
class AuditTableTest extends RecordScenario {

    /** Sign-ins (one audit record each) before, during and after the database is cut off in L6-33. */
    private static final int SIGN_INS = 4;
    /** What the audit table's trigger says when it refuses a change. */
    private static final String APPEND_ONLY = "append-only";
    /** PostgreSQL's SQLSTATE for "permission denied". */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private static final List<String> CHANGES = List.of(
            "UPDATE audit_records SET outcome = 'ok' WHERE n = 1",
            "DELETE FROM audit_records WHERE n = 1",
            "TRUNCATE audit_records");

    @Test
    @Scenario("L6-27")
    void anUpdateDeleteOrTruncateOfAnAuditRowIsRefusedByTheDatabaseAsTheAppAndAsTheOwner() throws Exception {
        ScalingServer node = nodes.node("n1", db);
        signInTimes(node, 3);
        await("the sign-ins in audit_records").atMost(PATIENCE).until(() -> rows("n1").size() >= 3);
        List<AuditRecord> before = rows("n1");

        try (Connection app = record(node).dataSource().getConnection()) {
            app.setAutoCommit(true); // each attempt on its own, not one aborted transaction
            assertThat(currentRole(app)).as("the role of the record's own connections").isEqualTo("livevitals_app");
            for (String change : CHANGES) {
                SQLException refused = refusal(app, change, "the application's role");
                assertThat(refused.getSQLState() + " " + refused.getMessage())
                        .as("as the application's role: %s", change)
                        .satisfiesAnyOf(
                                why -> assertThat(why).startsWith(INSUFFICIENT_PRIVILEGE),
                                why -> assertThat(why).contains(APPEND_ONLY));
            }
        }
        try (Connection owner = TestDatabase.superuser(db)) {
            assertThat(tableOwner(owner)).as("the owner of audit_records, who ran the migrations")
                    .isEqualTo(TestDatabase.SUPERUSER);
            for (String change : CHANGES) {
                SQLException refused = refusal(owner, change, "the table's owner");
                assertThat(refused.getMessage()).as("as the table's owner: %s", change).contains(APPEND_ONLY);
            }
        }
        assertThat(rows("n1").subList(0, before.size())).as("the audit rows after the attempts").isEqualTo(before);
    }

    @Test
    @Scenario("L6-28")
    void theVerifierFindsAnAuditRowASuperuserChangedWithTheTriggerDisabled() throws Exception {
        ScalingServer node = nodes.node("n1", db);
        String admin = nodes.signIn(node, RecordNodes.ADMIN);
        signInTimes(node, 3);
        await("the sign-ins in audit_records").atMost(PATIENCE).until(() -> rows("n1").size() >= 4);
        JsonNode before = verdictOf(node, admin);
        assertThat(before.path("intact").asBoolean()).as("the chain before anyone touched it: %s", before).isTrue();

        try (Connection superuser = TestDatabase.superuser(db)) {
            execute(superuser, "ALTER TABLE audit_records DISABLE TRIGGER ALL");
            int changed;
            try (Statement update = superuser.createStatement()) {
                changed = update.executeUpdate(
                        "UPDATE audit_records SET outcome = 'refused: quietly' WHERE node_id = 'n1' AND n = 2");
            }
            execute(superuser, "ALTER TABLE audit_records ENABLE TRIGGER ALL");
            assertThat(changed).as("rows the superuser changed").isEqualTo(1);
        }

        JsonNode after = verdictOf(node, admin);
        assertThat(after.path("intact").asBoolean()).as("the verdict after the change: %s", after).isFalse();
        assertThat(after.path("firstBad").asLong()).as("the first bad record: %s", after).isEqualTo(2);
        assertThat(after.path("checked").asLong()).as("records found sound before it: %s", after).isEqualTo(1);
        assertThat(after.path("reason").asString()).as("why: %s", after).contains("edited");
    }

    @Test
    @Scenario("L6-33")
    void theAuditTrailReachesTheTableChainIntactWithNoneDroppedWhileTheDatabaseWasDown() throws Exception {
        try (TcpFaultProxy network = TcpFaultProxy.start(new InetSocketAddress("127.0.0.1", TestDatabase.port()))) {
            ScalingServer node = nodes.node("n1", TestDatabase.through(db, network.port()));
            signInTimes(node, SIGN_INS);
            await("the first sign-ins in the table").atMost(PATIENCE).until(() -> rows("n1").size() >= SIGN_INS);

            int shippedBeforeTheCut = rows("n1").size();
            network.cut();
            signInTimes(node, SIGN_INS); // audited in the file while the table cannot be reached
            await("the audit shipper failing to reach the table").atMost(PATIENCE)
                    .until(() -> record(node).problem().isPresent());
            int inTheFile = fileRecords("n1").size();
            assertThat(rows("n1")).as("audit rows while the database is cut off").hasSize(shippedBeforeTheCut);
            network.restore();
            signInTimes(node, SIGN_INS);

            await("every record of the audit file in the table").atMost(PATIENCE).untilAsserted(() ->
                    assertThat(rows("n1")).as("audit_records for node n1, against the node's audit file")
                            .containsExactlyElementsOf(fileRecords("n1")));
            assertThat(fileRecords("n1")).as("records in the audit file").hasSizeGreaterThanOrEqualTo(3 * SIGN_INS);
            assertThat(inTheFile).as("records written while the database was cut off").isGreaterThan(SIGN_INS);
            List<AuditRecord> table = rows("n1");
            String prev = AuditRecord.NO_PREVIOUS;
            for (AuditRecord row : table) {
                assertThat(row.hashMatches()).as("the hash of row %d", row.n()).isTrue();
                assertThat(row.prev()).as("row %d follows the one before", row.n()).isEqualTo(prev);
                prev = row.hash();
            }

            String admin = nodes.signIn(node, RecordNodes.ADMIN);
            JsonNode verdict = verdictOf(node, admin);
            assertThat(verdict.path("intact").asBoolean()).as("the verifier on the table: %s", verdict).isTrue();
            assertThat(verdict.path("checked").asLong()).as("records checked: %s", verdict)
                    .isGreaterThanOrEqualTo(table.size());
        }
    }

    private void signInTimes(ScalingServer node, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            nodes.signIn(node, RecordNodes.DOCTOR);
        }
    }

    /** Node {@code nodeId}'s verdict from {@code GET /api/admin/audit/verify}. */
    private JsonNode verdictOf(ScalingServer node, String adminToken) throws Exception {
        JsonNode answer = nodes.getJson(node, "/api/admin/audit/verify", adminToken);
        for (JsonNode verdict : answer.path("nodes")) {
            if (node.nodeId().equals(verdict.path("node").asString())) {
                return verdict;
            }
        }
        throw new AssertionError("no verdict for node " + node.nodeId() + " in " + answer);
    }

    private List<AuditRecord> fileRecords(String nodeId) throws IOException {
        return Files.readAllLines(nodes.auditFile(nodeId)).stream().map(AuditRecord::parse).toList();
    }

    /** The node's rows of audit_records, as records, in their order. */
    private List<AuditRecord> rows(String nodeId) throws SQLException {
        List<AuditRecord> rows = new ArrayList<>();
        try (Connection connection = TestDatabase.superuser(db);
                PreparedStatement query = connection.prepareStatement("select n, time, user_name, role, address, action,"
                        + " patient_id, outcome, prev, hash from audit_records where node_id = ? order by n")) {
            query.setString(1, nodeId);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new AuditRecord(result.getLong(1), result.getObject(2, OffsetDateTime.class).toInstant(),
                            result.getString(3), result.getString(4), result.getString(5), result.getString(6),
                            result.getString(7), result.getString(8), result.getString(9), result.getString(10)));
                }
            }
        }
        return rows;
    }

    /** The database's refusal of {@code sql}; fails the test if the statement went through. */
    private static SQLException refusal(Connection connection, String sql, String who) {
        try {
            execute(connection, sql);
        } catch (SQLException refused) {
            return refused;
        }
        throw new AssertionError("as " + who + ", the database allowed: " + sql);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String currentRole(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("select current_user")) {
            result.next();
            return result.getString(1);
        }
    }

    private static String tableOwner(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(
                "select tableowner from pg_tables where tablename = 'audit_records'")) {
            result.next();
            return result.getString(1);
        }
    }
}
