package org.livevitals.loadtest;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.livevitals.broadcast.VitalsFeed;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.rawsockets.VitalsGenerator;
import org.livevitals.scaling.record.RecordSettings;
import org.livevitals.scaling.record.RecordStore;
import org.livevitals.scaling.record.RecordWriter;
import org.livevitals.security.Wards;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How many readings a second Lab 6's record writes, at most: its {@link RecordWriter} is offered readings
 * far faster than it can write them, all at once from one thread, on an embedded PostgreSQL started here in
 * a new temporary directory (removed at the end). The queue fills, the oldest readings are dropped, and the
 * writer writes batch after batch without ever waiting for a reading: what it wrote, divided by the time
 * from the first offer until every reading was written or dropped, is its ceiling on this machine.
 *
 * <p>No server, no dashboards: the writer and PostgreSQL have the machine to themselves (the offering
 * thread only at the start of each round). The readings are made before the clock starts, each patient's a
 * millisecond apart, so no two share the table's key (patient, time) and every reading written is a row.
 *
 * <pre>
 * ./mvnw -q package -DskipTests -Dloadtest=record
 * </pre>
 */
@Command(name = "record", mixinStandardHelpOptions = true, version = "Live Vitals load test",
        description = "Measure how many readings a second Lab 6's record writes in batches: offer readings far faster"
                + " than it can write them to its writer, on an embedded PostgreSQL, and count what it wrote and dropped.")
final class RecordAbsorption implements Callable<Integer> {

    /** A block in labs/performance.md that {@code --lab} replaces. */
    static final String BLOCK = "record-absorption";

    @Option(names = "--readings", description = "Readings offered in each round, all at once (default: ${DEFAULT-VALUE}).")
    int readings = 1_000_000;

    @Option(names = "--rounds", description = "Rounds, one after the other, into the same table (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--patients", description = "Patients the readings are spread over (default: ${DEFAULT-VALUE}).")
    int patients = 1_000;

    @Option(names = "--warmup", description = "Readings written before the first round, not counted (default: ${DEFAULT-VALUE}).")
    int warmup = 50_000;

    @Option(names = "--queue-capacity", description = "The writer's queue (default: ${DEFAULT-VALUE}, the record's own).")
    int queueCapacity = RecordSettings.DEFAULT_QUEUE_CAPACITY;

    @Option(names = "--batch-size", description = "Rows written in one round trip (default: ${DEFAULT-VALUE}, the record's own).")
    int batchSize = RecordSettings.DEFAULT_BATCH_SIZE;

    @Option(names = "--name", description = "Name the result file and the block in labs/performance.md (default: ${DEFAULT-VALUE}).")
    String name = BLOCK;

    @Option(names = "--lab", description = "Also write the table into labs/performance.md.")
    boolean lab;

    private final PrintStream out = System.out;

    /** One round: what was offered, how fast, and what the writer made of it. */
    record Round(long offered, double offerSeconds, long written, long dropped, long rows, long failures, double seconds,
            double databaseCpuPercent, double javaCpuPercent) {

        double rowsPerSecond() {
            return written / seconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("livevitals-record-absorption-");
        try {
            return measure(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private int measure(Path dir) throws Exception {
        RecordSettings settings = new RecordSettings(null, null, null, dir.resolve("postgres"),
                RecordSettings.DEFAULT_KEEP_READINGS, queueCapacity, batchSize, RecordSettings.DEFAULT_RETENTION_EVERY);
        out.printf(Locale.ROOT, "record: %d rounds of %,d readings (%,d patients) offered at once to the writer; queue %,d,"
                + " batches of %,d; %,d readings first to warm up%n", rounds, readings, patients, queueCapacity, batchSize, warmup);
        List<Round> results = new ArrayList<>();
        String version;
        try (RecordStore store = RecordStore.open(settings, "n1", Clock.systemUTC())) {
            store.start(Wards.ofSimulatedPatients(patients), dir.resolve("audit.jsonl")); // no audit file: nothing to ship
            version = query(store, "SHOW server_version");
            // The embedded record commits on disk (fsync and synchronous_commit on): a record kept for years.
            String commit = "fsync " + query(store, "SHOW fsync") + ", synchronous_commit " + query(store, "SHOW synchronous_commit");
            out.printf("  %s%n", commit);
            version = version + ", " + commit;
            Readings next = new Readings(patients);
            RecordWriter writer = store.writer();
            offer(writer, next.take(warmup));
            awaitSettled(writer, warmup);
            out.printf(Locale.ROOT, "  warm-up: %,d readings written%n", writer.readingsWritten());
            for (int round = 1; round <= rounds; round++) {
                List<VitalSigns> batch = next.take(readings); // made before the clock starts
                long writtenBefore = writer.readingsWritten();
                long droppedBefore = writer.dropped();
                long failuresBefore = writer.failures();
                long rowsBefore = Long.parseLong(query(store, "SELECT count(*) FROM readings"));
                long databaseCpu = RecordWatch.DatabaseProcesses.cpuNanos(store.embeddedDirectory());
                long javaCpu = ProcessCosts.processCpuNanos();
                long start = System.nanoTime();
                offer(writer, batch);
                double offerSeconds = (System.nanoTime() - start) / 1e9;
                awaitSettled(writer, writtenBefore + droppedBefore + readings);
                double seconds = (System.nanoTime() - start) / 1e9;
                double databaseCpuPercent = 100.0 * (RecordWatch.DatabaseProcesses.cpuNanos(store.embeddedDirectory())
                        - databaseCpu) / (seconds * 1e9);
                double javaCpuPercent = 100.0 * (ProcessCosts.processCpuNanos() - javaCpu) / (seconds * 1e9);
                long rows = Long.parseLong(query(store, "SELECT count(*) FROM readings")) - rowsBefore;
                Round result = new Round(readings, offerSeconds, writer.readingsWritten() - writtenBefore,
                        writer.dropped() - droppedBefore, rows, writer.failures() - failuresBefore, seconds,
                        databaseCpuPercent, javaCpuPercent);
                results.add(result);
                out.printf(Locale.ROOT, "  round %d: %,d offered in %.2f s; %,d written (%,d rows), %,d dropped, in %.2f s:"
                                + " %,.0f rows/s%n", round, result.offered(), offerSeconds, result.written(), rows,
                        result.dropped(), seconds, result.rowsPerSecond());
            }
        }
        String table = markdown(results);
        out.println();
        out.print(table);
        Path target = Path.of("target", "loadtest");
        Files.createDirectories(target);
        Files.writeString(target.resolve(name + ".md"), table);
        if (lab) {
            Report.replaceBlock(Path.of("labs", "performance.md"), name, String.format(Locale.ROOT,
                    "Measured %s on %d cores, Java %s (%s), PostgreSQL %s (embedded), the writer in the load test's JVM;"
                            + " queue %,d, batches of %,d, %,d patients.%n%n%s",
                    java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"), version, queueCapacity, batchSize,
                    patients, table));
            out.println("Updated labs/performance.md");
        }
        boolean complete = results.stream().allMatch(r -> r.written() == r.rows() && r.written() + r.dropped() == r.offered());
        if (!complete) {
            out.println("WRITTEN, DROPPED AND ROWS DO NOT ADD UP: see the table.");
        }
        return complete ? 0 : 1;
    }

    static String markdown(List<Round> results) {
        StringBuilder md = new StringBuilder("| round | offered | offered in s | written | rows | dropped | failed batches"
                + " | until all written or dropped, s | **rows/s written** | PostgreSQL CPU % | writer's JVM CPU % |\n"
                + "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        int round = 0;
        for (Round r : results) {
            md.append(String.format(Locale.ROOT, "| %d | %,d | %.2f | %,d | %,d | %,d | %,d | %.2f | **%,.0f** | %.0f | %.0f |%n",
                    ++round, r.offered(), r.offerSeconds(), r.written(), r.rows(), r.dropped(), r.failures(), r.seconds(),
                    r.rowsPerSecond(), r.databaseCpuPercent(), r.javaCpuPercent()));
        }
        return md.toString();
    }

    /** Offers every reading as fast as one thread can: the queue fills and drops its oldest. */
    private static void offer(RecordWriter writer, List<VitalSigns> readings) {
        for (VitalSigns reading : readings) {
            writer.reading(reading);
        }
    }

    /** Waits until the writer has written or dropped {@code total} readings since it started. */
    private static void awaitSettled(RecordWriter writer, long total) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (writer.readingsWritten() + writer.dropped() < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the writer has written " + writer.readingsWritten() + " and dropped "
                        + writer.dropped() + " of " + total + " readings in 5 minutes; failed batches: " + writer.failures()
                        + writer.problem().map(problem -> ", " + problem).orElse(""));
            }
            Thread.sleep(1); // a poll of counters the writer's thread advances
        }
    }

    private static String query(RecordStore store, String sql) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    /** Readings of {@code patients} simulated patients in turn, each patient's a millisecond after its last. */
    private static final class Readings {

        private final List<VitalsGenerator> patients;
        private final long startMillis = Instant.now().toEpochMilli();
        private long made;

        Readings(int patients) {
            this.patients = VitalsFeed.simulatedPatients(patients, Clock.systemUTC());
        }

        List<VitalSigns> take(int count) {
            List<VitalSigns> readings = new ArrayList<>(count);
            for (int i = 0; i < count; i++, made++) {
                VitalSigns reading = patients.get((int) (made % patients.size())).next();
                Instant takenAt = Instant.ofEpochMilli(startMillis + made / patients.size());
                readings.add(new VitalSigns(reading.patientId(), takenAt, reading.heartRate(), reading.spo2(),
                        reading.temperature(), reading.systolic(), reading.diastolic(), reading.respiratoryRate()));
            }
            return readings;
        }
    }
}
