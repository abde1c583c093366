package org.livevitals.scaling.record;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the long-term record lives and how much of it the server may hold back.
 *
 * <p>Either an embedded PostgreSQL (a real server, shipped in a Maven jar, started by this process on a
 * data directory that survives restarts), or any PostgreSQL by JDBC URL: every node of a cluster
 * points at the same one, so any node answers the same history.
 *
 * @param jdbcUrl           {@code jdbc:postgresql://host:port/db}, or null for the embedded database
 * @param user              the database user for a URL (null: the driver's default, or one named in the URL)
 * @param password          its password, or null; never logged, never on a command line
 * @param embeddedDirectory the embedded database's data directory (used when {@code jdbcUrl} is null)
 * @param keepReadings      how old a reading may get before the retention job deletes it
 * @param queueCapacity     readings that may wait for the database; past it the oldest are dropped (counted)
 * @param batchSize         rows written in one round trip
 * @param retentionEvery    how often the retention job runs
 */
public record RecordSettings(String jdbcUrl, String user, String password, Path embeddedDirectory, Duration keepReadings,
        int queueCapacity, int batchSize, Duration retentionEvery) {

    /** A month of readings: the wards' trend review; alerts and the audit trail are kept for good. */
    public static final Duration DEFAULT_KEEP_READINGS = Duration.ofDays(30);
    /** About 100 s of a 1,000-patient hospital at 1 Hz, a few megabytes of heap: see the lab's "When the database is down". */
    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final Duration DEFAULT_RETENTION_EVERY = Duration.ofHours(1);

    public RecordSettings {
        if (jdbcUrl == null) {
            Objects.requireNonNull(embeddedDirectory, "embeddedDirectory (no jdbcUrl: the embedded database needs a directory)");
        } else if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the record needs a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        Objects.requireNonNull(keepReadings, "keepReadings");
        Objects.requireNonNull(retentionEvery, "retentionEvery");
        if (keepReadings.isNegative() || keepReadings.isZero()) {
            throw new IllegalArgumentException("readings must be kept for some time, not " + keepReadings);
        }
        if (queueCapacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("the queue and the batches hold at least one reading");
        }
        if (retentionEvery.isNegative() || retentionEvery.isZero()) {
            throw new IllegalArgumentException("the retention job must run every so often, not every " + retentionEvery);
        }
    }

    /** The embedded database on {@code directory}: nothing to install, the data stays between runs. */
    public static RecordSettings embedded(Path directory) {
        return new RecordSettings(null, null, null, directory, DEFAULT_KEEP_READINGS, DEFAULT_QUEUE_CAPACITY,
                DEFAULT_BATCH_SIZE, DEFAULT_RETENTION_EVERY);
    }

    /** A PostgreSQL of the hospital's, shared by every node. */
    public static RecordSettings byUrl(String jdbcUrl, String user, String password) {
        return new RecordSettings(Objects.requireNonNull(jdbcUrl, "jdbcUrl"), user, password, null, DEFAULT_KEEP_READINGS,
                DEFAULT_QUEUE_CAPACITY, DEFAULT_BATCH_SIZE, DEFAULT_RETENTION_EVERY);
    }

    public RecordSettings withKeepReadings(Duration keep) {
        return new RecordSettings(jdbcUrl, user, password, embeddedDirectory, keep, queueCapacity, batchSize, retentionEvery);
    }

    public RecordSettings withQueueCapacity(int capacity) {
        return new RecordSettings(jdbcUrl, user, password, embeddedDirectory, keepReadings, capacity, batchSize, retentionEvery);
    }

    /** Whether a JDBC URL carries a password: refused on command lines, which {@code ps} shows to everyone. */
    public static boolean hasPassword(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query >= 0 && java.util.Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                .anyMatch(parameter -> parameter.toLowerCase(java.util.Locale.ROOT).startsWith("password="));
    }

    public boolean embedded() {
        return jdbcUrl == null;
    }

    /** Never the password: this is what logs and {@code toString} show. */
    @Override
    public String toString() {
        return embedded() ? "embedded PostgreSQL in " + embeddedDirectory : "PostgreSQL at " + RecordStore.withoutParameters(jdbcUrl);
    }
}
