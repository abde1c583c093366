package org.livevitals.scaling.record;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/** A patient's readings from the record: the SQL behind {@code GET /api/patients/{id}/history}. */
public final class ReadingHistory {

    /**
     * The most readings one raw answer holds: ten minutes of a device sending five a second. A device
     * sending faster fills it before the range ends, and the answer says it was cut ({@code truncated}).
     */
    public static final int MAX_RAW_POINTS = 3_000;

    /** The readings themselves, oldest first, each a point of one. */
    static final String RAW = """
            SELECT taken_at AS time, 1 AS count,
                   heart_rate, heart_rate AS heart_rate_min, heart_rate AS heart_rate_max,
                   spo2, spo2 AS spo2_min, spo2 AS spo2_max,
                   temperature, systolic, diastolic, respiratory_rate
              FROM readings
             WHERE patient_id = ? AND taken_at >= ? AND taken_at < ?
               AND (? OR ward = ANY (?))
             ORDER BY taken_at
             LIMIT \s""" + MAX_RAW_POINTS; // \s: a text block drops a line's trailing spaces

    /**
     * Buckets of equal width on the clock (10:00, 10:10, 10:20 ...: the first may start before {@code from}):
     * averages, and the lows and highs an average would hide.
     */
    static final String BUCKETED = """
            SELECT date_bin(?::interval, taken_at, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS time, count(*) AS count,
                   round(avg(heart_rate)) AS heart_rate, min(heart_rate) AS heart_rate_min, max(heart_rate) AS heart_rate_max,
                   round(avg(spo2)) AS spo2, min(spo2) AS spo2_min, max(spo2) AS spo2_max,
                   round(avg(temperature)::numeric, 1) AS temperature, round(avg(systolic)) AS systolic,
                   round(avg(diastolic)) AS diastolic, round(avg(respiratory_rate)) AS respiratory_rate
              FROM readings
             WHERE patient_id = ? AND taken_at >= ? AND taken_at < ?
               AND (? OR ward = ANY (?))
             GROUP BY 1
             ORDER BY 1""";

    private final DataSource database;

    ReadingHistory(DataSource database) {
        this.database = database;
    }

    /**
     * The points of {@code query}, oldest first, from the rows of the wards given.
     *
     * @param wards the wards whose rows may be read; null for all of them (a doctor)
     */
    public List<HistoryPoint> points(HistoryQuery query, Collection<String> wards) throws SQLException {
        Duration bucket = query.bucket();
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(bucket.isZero() ? RAW : BUCKETED)) {
            int i = 1;
            if (!bucket.isZero()) {
                select.setString(i++, bucket.toSeconds() + " seconds");
            }
            select.setString(i++, query.patient());
            select.setTimestamp(i++, Timestamp.from(query.from()));
            select.setTimestamp(i++, Timestamp.from(query.to()));
            select.setBoolean(i++, wards == null);
            Array wardArray = connection.createArrayOf("text", wards == null ? new String[0] : wards.toArray(String[]::new));
            select.setArray(i, wardArray);
            List<HistoryPoint> points = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    points.add(new HistoryPoint(rows.getTimestamp("time").toInstant(), rows.getInt("count"),
                            rows.getInt("heart_rate"), rows.getInt("heart_rate_min"), rows.getInt("heart_rate_max"),
                            rows.getInt("spo2"), rows.getInt("spo2_min"), rows.getInt("spo2_max"),
                            rows.getDouble("temperature"), rows.getInt("systolic"), rows.getInt("diastolic"),
                            rows.getInt("respiratory_rate")));
                }
            }
            return points;
        }
    }
}
