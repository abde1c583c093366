package org.livevitals.scaling.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.livevitals.security.AuditRecord;
import org.livevitals.security.AuditVerifier;

/**
 * The audit trail of every node, as the database holds it: the admin's query, and Lab 5's verifier run
 * over each node's chain in the table.
 */
public final class StoredAudit {

    /** A record and the node whose chain it belongs to. */
    public record NodeRecord(String node, AuditRecord record) {}

    /** The verifier's verdict on one node's chain. */
    public record NodeVerdict(String node, AuditVerifier.Verdict verdict) {}

    /** Rows read from the database at a time while verifying: memory stays bounded for a chain of any length. */
    static final int FETCH_SIZE = 1_000;

    private static final String COLUMNS = "node_id, n, time, user_name, role, address, action, patient_id, outcome, prev, hash";

    private final DataSource database;

    StoredAudit(DataSource database) {
        this.database = database;
    }

    /** The newest {@code limit} records (of one node, or of all when {@code node} is null), oldest first. */
    public List<NodeRecord> newest(int limit, String node) throws SQLException {
        String sql = "SELECT * FROM (SELECT " + COLUMNS + " FROM audit_records"
                + (node == null ? "" : " WHERE node_id = ?")
                + " ORDER BY time DESC, node_id, n DESC LIMIT ?) newest ORDER BY time, node_id, n";
        try (Connection connection = database.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            int i = 1;
            if (node != null) {
                query.setString(i++, node);
            }
            query.setInt(i, limit);
            List<NodeRecord> records = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    records.add(new NodeRecord(rows.getString("node_id"), record(rows)));
                }
            }
            return records;
        }
    }

    /** Lab 5's verifier over each node's chain, in the order of its numbers: one verdict per node. */
    public List<NodeVerdict> verify() throws SQLException {
        List<NodeVerdict> verdicts = new ArrayList<>();
        for (String node : nodes()) {
            verdicts.add(new NodeVerdict(node, verify(node)));
        }
        return verdicts;
    }

    /** The verdict on {@code node}'s chain: the same rules as {@code verify-audit} on its file. */
    public AuditVerifier.Verdict verify(String node) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false); // so that the driver fetches rows in pages, not all at once
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM audit_records WHERE node_id = ? ORDER BY n")) {
                query.setFetchSize(FETCH_SIZE);
                query.setString(1, node);
                try (ResultSet rows = query.executeQuery()) {
                    return verify(rows);
                }
            } finally {
                connection.rollback();
            }
        }
    }

    private static AuditVerifier.Verdict verify(ResultSet rows) throws SQLException {
        AuditRecord previous = null;
        long checked = 0;
        while (rows.next()) {
            String latestHash = previous == null ? AuditRecord.NO_PREVIOUS : previous.hash();
            AuditRecord record;
            try {
                record = record(rows);
            } catch (IllegalArgumentException e) {
                return new AuditVerifier.Verdict(false, checked, rows.getLong("n"),
                        "record " + rows.getLong("n") + " is not an audit record: " + e.getMessage(), latestHash);
            }
            Optional<String> problem = AuditVerifier.problem(previous, record);
            if (problem.isPresent()) {
                return new AuditVerifier.Verdict(false, checked, record.n(), problem.get(), latestHash);
            }
            previous = record;
            checked++;
        }
        return new AuditVerifier.Verdict(true, checked, 0, null, previous == null ? AuditRecord.NO_PREVIOUS : previous.hash());
    }

    private List<String> nodes() throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT DISTINCT node_id FROM audit_records ORDER BY node_id");
                ResultSet rows = query.executeQuery()) {
            List<String> nodes = new ArrayList<>();
            while (rows.next()) {
                nodes.add(rows.getString(1));
            }
            return nodes;
        }
    }

    private static AuditRecord record(ResultSet row) throws SQLException {
        return new AuditRecord(row.getLong("n"), row.getTimestamp("time").toInstant(), row.getString("user_name"),
                row.getString("role"), row.getString("address"), row.getString("action"), row.getString("patient_id"),
                row.getString("outcome"), row.getString("prev"), row.getString("hash"));
    }
}
