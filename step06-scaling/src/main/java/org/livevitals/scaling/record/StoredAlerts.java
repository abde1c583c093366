package org.livevitals.scaling.record;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The alerts of every node, from the record: what {@code GET /api/alerts} answers in a cluster, the same
 * whichever node is asked. Each alert is kept as the JSON its dashboards were sent, so the answer has
 * exactly Lab 5's shape.
 */
public final class StoredAlerts {

    /**
     * What to read.
     *
     * @param patient one patient, or null for all
     * @param since   changes at or after this time, or null
     * @param limit   recent changes at most
     * @param wards   the wards the caller may see, or null for all (a doctor)
     */
    public record Query(String patient, Instant since, int limit, Collection<String> wards) {}

    /** The alerts active now, and the recent changes, newest first: JSON objects as the stream sent them. */
    public record Answer(List<String> active, List<String> recent) {

        /** {@code {"active":[...],"recent":[...]}}, Lab 5's answer. */
        public String toJson() {
            return "{\"active\":[" + String.join(",", active) + "],\"recent\":[" + String.join(",", recent) + "]}";
        }
    }

    static final String ACTIVE = """
            SELECT message FROM alerts
             WHERE state NOT IN ('cleared', 'ended')
               AND (?::text IS NULL OR patient_id = ?) AND (?::timestamptz IS NULL OR updated_at >= ?)
               AND (? OR ward = ANY (?))
             ORDER BY CASE priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, -- Lab 5's order: the most
                      raised_at, patient_id, source, alert_id                            -- urgent first, then the oldest""";
    static final String RECENT = """
            SELECT c.message FROM alert_changes c JOIN alerts a USING (alert_id, raised_at)
             WHERE (?::text IS NULL OR a.patient_id = ?) AND (?::timestamptz IS NULL OR c.changed_at >= ?)
               AND (? OR a.ward = ANY (?))
             ORDER BY c.changed_at DESC, c.alert_id
             LIMIT ?""";

    private final DataSource database;

    StoredAlerts(DataSource database) {
        this.database = database;
    }

    public Answer find(Query query) throws SQLException {
        try (Connection connection = database.getConnection()) {
            return new Answer(messages(connection, ACTIVE, query, false), messages(connection, RECENT, query, true));
        }
    }

    private static List<String> messages(Connection connection, String sql, Query query, boolean limited) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            Timestamp since = query.since() == null ? null : Timestamp.from(query.since());
            select.setString(1, query.patient());
            select.setString(2, query.patient());
            select.setTimestamp(3, since);
            select.setTimestamp(4, since);
            select.setBoolean(5, query.wards() == null);
            Array wards = connection.createArrayOf("text", query.wards() == null ? new String[0] : query.wards().toArray(String[]::new));
            select.setArray(6, wards);
            if (limited) {
                select.setInt(7, query.limit());
            }
            List<String> messages = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    messages.add(rows.getString(1));
                }
            }
            return messages;
        }
    }
}
