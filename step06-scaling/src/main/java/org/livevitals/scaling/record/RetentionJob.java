package org.livevitals.scaling.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes readings older than the hospital keeps them, every so often. Alerts and the audit trail are
 * kept: they are the record of what was decided, and the audit table refuses deletes anyway.
 *
 * <p>It deletes in slices of {@link #SLICE} rows, each its own short transaction, so that a first run
 * over a year of readings never holds a lock the writer waits behind for minutes.
 */
public final class RetentionJob implements AutoCloseable {

    static final int SLICE = 10_000;
    static final String DELETE_SLICE = """
            DELETE FROM readings
             WHERE ctid IN (SELECT ctid FROM readings WHERE taken_at < ? LIMIT ?)""";

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final DataSource database;
    private final Duration keep;
    private final Clock clock;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "record-retention");
        thread.setDaemon(true);
        return thread;
    });

    RetentionJob(DataSource database, Duration keep, Clock clock) {
        this.database = database;
        this.keep = keep;
        this.clock = clock;
    }

    void start(Duration every) {
        schedule.scheduleWithFixedDelay(this::runLogged, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Deletes the readings taken before now minus the retention period; returns how many. */
    public long runOnce() throws SQLException {
        Instant cutoff = clock.instant().minus(keep);
        long deleted = 0;
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE_SLICE)) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            delete.setInt(2, SLICE);
            int slice;
            do {
                slice = delete.executeUpdate();
                deleted += slice;
            } while (slice == SLICE);
        }
        if (deleted > 0) {
            LOG.info("Retention: deleted {} readings taken before {} (kept for {} days)", deleted, cutoff, keep.toDays());
        }
        return deleted;
    }

    private void runLogged() {
        try {
            runOnce();
        } catch (SQLException | RuntimeException e) {
            // The next run tries again; readings stay a little longer than promised meanwhile.
            LOG.warn("Retention did not run ({}); it tries again in the next period", e.getMessage());
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
