package org.livevitals.loadtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.livevitals.scaling.record.RecordStore;
import org.livevitals.scaling.record.RecordWriter;

/**
 * What Lab 6's record did during a run of {@code single-node-record}, watched from inside the bench
 * server: how deep its queue got (sampled every {@value #SAMPLE_MILLIS} ms), when the last reading
 * published was written (or dropped), and at the end what the writer counted and the rows the
 * readings table holds. Nothing here is on the publisher's path: one thread samples the writer's
 * counters, and the table is counted once, after the run.
 */
final class RecordWatch {

    static final int SAMPLE_MILLIS = 10;
    /** How long the watch waits for the queue to drain after the last publication before it reports it as not drained. */
    static final long DRAIN_PATIENCE_NANOS = 60_000_000_000L;

    /**
     * What {@code GET /record} answers.
     *
     * @param published       readings the schedule published (each offered to the record once)
     * @param nudged          readings whose time the publisher moved later, to be distinct from their patient's last one
     * @param written         readings the writer wrote (its batches' sizes: a reading already in the table counts too)
     * @param rows            rows in the readings table after the run: {@code written} if no two readings shared a key
     * @param dropped         readings dropped because the queue was full
     * @param failures        batches that failed (and were tried again)
     * @param pendingAtEnd    readings and alert changes still queued when asked
     * @param maxPending      the deepest queue seen, sampled every {@value #SAMPLE_MILLIS} ms
     * @param alertChanges    alert changes written
     * @param drainMillis     from the last publication to the moment every reading was written or dropped; -1 if it never was
     * @param publishingMillis from the first publication to the last
     * @param databaseCpuNanos PostgreSQL's CPU time over the run (its processes, as Linux counts them)
     */
    record Figures(long published, long nudged, long written, long rows, long dropped, long failures, int pendingAtEnd,
            int maxPending, long alertChanges, double drainMillis, double publishingMillis, long databaseCpuNanos) {

        /** Rows written a second, from the first publication until the queue drained. */
        double absorbedPerSecond() {
            return drainMillis < 0 ? 0 : rows / ((publishingMillis + drainMillis) / 1e3);
        }
    }

    private final RecordStore store;
    private final RecordWriter writer;
    private volatile int maxPending;
    private volatile long firstNanos;
    private volatile long lastNanos;
    private volatile long published = -1;
    private volatile long nudged;
    private volatile long drainedNanos;
    private volatile long cpuAtStart;
    private final Thread sampler = new Thread(this::sample, "record-watch");

    RecordWatch(RecordStore store) {
        this.store = store;
        this.writer = store.writer();
        sampler.setDaemon(true);
    }

    /** The schedule starts now. */
    void publishing() {
        firstNanos = System.nanoTime();
        cpuAtStart = DatabaseProcesses.cpuNanos(store.embeddedDirectory());
        if (!sampler.isAlive()) {
            sampler.start();
        }
    }

    /** The schedule's last reading was published: the drain is timed from now. */
    void published(long publications, long nudgedReadings) {
        lastNanos = System.nanoTime();
        nudged = nudgedReadings;
        published = publications;
    }

    private void sample() {
        while (true) {
            int pending = writer.pending();
            if (pending > maxPending) {
                maxPending = pending;
            }
            long total = published;
            if (total >= 0 && drainedNanos == 0) {
                if (writer.readingsWritten() + writer.dropped() >= total) {
                    drainedNanos = System.nanoTime();
                } else if (System.nanoTime() - lastNanos > DRAIN_PATIENCE_NANOS) {
                    return;
                }
            }
            if (drainedNanos != 0) {
                return;
            }
            try {
                Thread.sleep(SAMPLE_MILLIS); // sampling counters another thread advances: nothing to be told by
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The figures, once the queue has drained (or the patience ran out); the table is counted then. */
    Figures figures() throws InterruptedException, SQLException {
        sampler.join(DRAIN_PATIENCE_NANOS / 1_000_000 + 1_000);
        long drained = drainedNanos;
        long rows;
        try (Connection connection = store.dataSource().getConnection();
                Statement count = connection.createStatement();
                ResultSet result = count.executeQuery("SELECT count(*) FROM readings")) {
            result.next();
            rows = result.getLong(1);
        }
        return new Figures(published, nudged, writer.readingsWritten(), rows, writer.dropped(), writer.failures(),
                writer.pending(), maxPending, writer.alertChangesWritten(),
                drained == 0 ? -1 : (drained - lastNanos) / 1e6, (lastNanos - firstNanos) / 1e6,
                DatabaseProcesses.cpuNanos(store.embeddedDirectory()) - cpuAtStart);
    }

    /** The processes of an embedded PostgreSQL, found from the process number it writes into its data directory. */
    static final class DatabaseProcesses {

        private DatabaseProcesses() {}

        /**
         * The CPU time of the postmaster and every process under it (the pool's backends, the writer, the
         * checkpointer ...), as Linux counts them; 0 when the directory names no running PostgreSQL. A
         * process that ended (an autovacuum worker) takes its time with it.
         */
        static long cpuNanos(Path dataDirectory) {
            if (dataDirectory == null) {
                return 0;
            }
            try {
                List<String> pid = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
                return ProcessHandle.of(Long.parseLong(pid.get(0).trim()))
                        .map(postmaster -> java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster),
                                        postmaster.descendants())
                                .mapToLong(process -> process.info().totalCpuDuration().map(java.time.Duration::toNanos)
                                        .orElse(0L))
                                .sum())
                        .orElse(0L);
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            }
        }
    }
}
