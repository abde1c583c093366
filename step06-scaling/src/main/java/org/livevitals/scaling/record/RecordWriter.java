package org.livevitals.scaling.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.livevitals.security.alerts.Alert;
import org.livevitals.security.alerts.AlertMessages;
import org.livevitals.rawsockets.VitalSigns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes readings and alert changes to the database in batches, on a thread of its own, so that the
 * broadcast never waits for a disk.
 *
 * <p>The publisher only {@linkplain #reading offers} a reading to a {@link WriteQueue}: no I/O, no lock
 * held for longer than an array store. This thread takes up to a batch at a time and writes it in
 * one transaction. When the database fails, the batch is kept and tried again after a pause that
 * doubles up to {@link #MAX_PAUSE}, while new readings wait in the queue, up to its bound; past it the
 * oldest are dropped, counted ({@link #dropped()}) and logged. When the database answers again, the
 * kept batch goes first and the queue drains in order.
 *
 * <p>A batch sent again after an answer that was lost (did it commit?) changes nothing: rows are
 * inserted {@code ON CONFLICT DO NOTHING} on their primary keys.
 */
public final class RecordWriter implements AutoCloseable {

    /** The ward of a row whose patient is on none (doctors see it, nurses do not). */
    public static final String NO_WARD = "no-ward";
    /** Alert changes that may wait: far more than a hospital raises in the minutes a database restarts. */
    public static final int ALERT_QUEUE_CAPACITY = 10_000;
    /**
     * How long the writer waits for a first item when none is queued. It does not wait for a batch to
     * fill: it takes what is there, so batches grow by themselves when readings come faster than a write.
     */
    static final Duration LINGER = Duration.ofMillis(200);
    static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    static final Duration MAX_PAUSE = Duration.ofSeconds(5);
    /** A failing database is logged once per this, not once per batch. */
    static final Duration LOG_EVERY = Duration.ofSeconds(10);
    /** How long a planned stop waits for the queue to be written. */
    static final Duration CLOSE_PATIENCE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(RecordWriter.class);

    static final String INSERT_READING = """
            INSERT INTO readings (patient_id, taken_at, ward, node_id, heart_rate, spo2, temperature,
                                  systolic, diastolic, respiratory_rate)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (patient_id, taken_at) DO NOTHING""";
    static final String UPSERT_ALERT = """
            INSERT INTO alerts (alert_id, raised_at, patient_id, ward, node_id, kind, source, priority, state,
                                updated_at, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::json)
            ON CONFLICT (alert_id, raised_at) DO UPDATE
               SET priority = excluded.priority, state = excluded.state, updated_at = excluded.updated_at,
                   message = excluded.message
             WHERE alerts.updated_at <= excluded.updated_at""";
    static final String INSERT_ALERT_CHANGE = """
            INSERT INTO alert_changes (alert_id, raised_at, changed_at, event, state, priority, acknowledged_by, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::json)
            ON CONFLICT DO NOTHING""";

    private final DataSource database;
    private final String nodeId;
    private final int batchSize;
    private final Clock clock;
    private final WriteQueue<VitalSigns> readings;
    private final WriteQueue<Alert> alertChanges = new WriteQueue<>(ALERT_QUEUE_CAPACITY);
    private final AlertMessages alertMessages = new AlertMessages();
    private final AtomicLong readingsWritten = new AtomicLong();
    private final AtomicLong alertChangesWritten = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private volatile Function<String, Optional<String>> wardOf = patient -> Optional.empty();
    private volatile String problem;
    private volatile boolean running = true;
    /** Items the writer holds in the batch it is writing (or retrying): not in the queues any more. */
    private volatile int inHand;
    private volatile long stopBy;
    private Instant lastFailureLog = Instant.MIN;
    private final AtomicLong nextDropLog = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong droppedWhenLogged = new AtomicLong();

    RecordWriter(DataSource database, String nodeId, RecordSettings settings, Clock clock) {
        this.database = database;
        this.nodeId = nodeId;
        this.batchSize = settings.batchSize();
        this.clock = clock;
        this.readings = new WriteQueue<>(settings.queueCapacity());
        this.thread = new Thread(this::run, "record-writer");
        thread.setDaemon(true);
    }

    /** Where each patient is: resolved as a batch is written, off the publisher's thread. */
    void wards(Function<String, Optional<String>> wardOf) {
        this.wardOf = wardOf;
    }

    void start() {
        thread.start();
    }

    /** Queues an accepted reading for the record: never blocks, never fails. */
    public void reading(VitalSigns reading) {
        if (readings.offer(reading)) {
            logDrops();
        }
    }

    /** Queues an alert's change for the record: never blocks, never fails. */
    public void alertChanged(Alert alert) {
        if (alertChanges.offer(alert)) {
            logDrops();
        }
    }

    /** Readings and alert changes waiting in the queues (not counting a batch being written). */
    public int pending() {
        return readings.size() + alertChanges.size();
    }

    /** Readings dropped because the queue was full. */
    public long dropped() {
        return readings.dropped();
    }

    /** Alert changes dropped because their queue was full. */
    public long droppedAlertChanges() {
        return alertChanges.dropped();
    }

    public long readingsWritten() {
        return readingsWritten.get();
    }

    public long alertChangesWritten() {
        return alertChangesWritten.get();
    }

    /** Batches that failed (and were tried again). */
    public long failures() {
        return failures.get();
    }

    /** Why the last batch failed, or empty when the last batch was written. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private void run() {
        List<VitalSigns> readingBatch = List.of();
        List<Alert> alertBatch = List.of();
        Duration pause = FIRST_PAUSE;
        while (running || stillToWrite(readingBatch, alertBatch)) {
            try {
                if (readingBatch.isEmpty() && alertBatch.isEmpty()) {
                    readingBatch = readings.takeBatch(batchSize, LINGER.toMillis(), TimeUnit.MILLISECONDS);
                    alertBatch = alertChanges.takeBatch(batchSize, 0, TimeUnit.MILLISECONDS);
                    if (readingBatch.isEmpty() && alertBatch.isEmpty()) {
                        continue;
                    }
                    inHand = readingBatch.size() + alertBatch.size();
                }
                write(readingBatch, alertBatch);
                readingsWritten.addAndGet(readingBatch.size());
                alertChangesWritten.addAndGet(alertBatch.size());
                readingBatch = List.of();
                alertBatch = List.of();
                inHand = 0;
                if (problem != null) {
                    LOG.info("The record is written again; {} readings and alert changes wait", pending());
                }
                problem = null;
                pause = FIRST_PAUSE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                // Keep the batch and try it again: the database may be restarting. The queue keeps its bound.
                failures.incrementAndGet();
                problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                logFailure(e);
                if (!pauseFor(pause)) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /** On a planned stop: write what is queued, unless the database fails or the stop's patience runs out. */
    private boolean stillToWrite(List<VitalSigns> readingBatch, List<Alert> alertBatch) {
        boolean queued = !readingBatch.isEmpty() || !alertBatch.isEmpty() || pending() > 0;
        return queued && problem == null && System.nanoTime() - stopBy < 0;
    }

    /** One transaction: the readings, then the alerts' states and their changes. */
    private void write(List<VitalSigns> readingBatch, List<Alert> alertBatch) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                insertReadings(connection, readingBatch);
                writeAlertChanges(connection, alertBatch);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private void insertReadings(Connection connection, List<VitalSigns> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_READING)) {
            for (VitalSigns reading : batch) {
                insert.setString(1, reading.patientId());
                insert.setTimestamp(2, Timestamp.from(reading.takenAt()));
                insert.setString(3, wardOf(reading.patientId()));
                insert.setString(4, nodeId);
                insert.setInt(5, reading.heartRate());
                insert.setInt(6, reading.spo2());
                insert.setDouble(7, reading.temperature());
                insert.setInt(8, reading.systolic());
                insert.setInt(9, reading.diastolic());
                insert.setInt(10, reading.respiratoryRate());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void writeAlertChanges(Connection connection, List<Alert> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_ALERT);
                PreparedStatement change = connection.prepareStatement(INSERT_ALERT_CHANGE)) {
            for (Alert alert : batch) {
                String message = alertMessages.alert(alert);
                Timestamp raisedAt = Timestamp.from(alert.raisedAt());
                upsert.setString(1, alert.id());
                upsert.setTimestamp(2, raisedAt);
                upsert.setString(3, alert.patient());
                upsert.setString(4, wardOf(alert.patient()));
                upsert.setString(5, nodeId);
                upsert.setString(6, alert.kind().wireName());
                upsert.setString(7, alert.source());
                upsert.setString(8, alert.priority().wireName());
                upsert.setString(9, alert.state().wireName());
                upsert.setTimestamp(10, Timestamp.from(alert.updatedAt()));
                upsert.setString(11, message);
                upsert.executeUpdate(); // in order: the next change of the same alert must see this one
                change.setString(1, alert.id());
                change.setTimestamp(2, raisedAt);
                change.setTimestamp(3, Timestamp.from(alert.updatedAt()));
                change.setString(4, alert.event().wireName());
                change.setString(5, alert.state().wireName());
                change.setString(6, alert.priority().wireName());
                change.setString(7, alert.acknowledgedBy());
                change.setString(8, message);
                change.addBatch();
            }
            change.executeBatch();
        }
    }

    private String wardOf(String patient) {
        return wardOf.apply(patient).orElse(NO_WARD);
    }

    /** On the publisher's thread: no lock, and one line in {@link #LOG_EVERY} from whichever thread gets there first. */
    private void logDrops() {
        long now = clock.millis();
        long due = nextDropLog.get();
        if (now < due || !nextDropLog.compareAndSet(due, now + LOG_EVERY.toMillis())) {
            return;
        }
        long droppedNow = readings.dropped() + alertChanges.dropped();
        LOG.warn("The record's queues are full ({} readings, {} alert changes): the oldest are being dropped, {} so far"
                + " ({} since the last report)", readings.capacity(), ALERT_QUEUE_CAPACITY, droppedNow,
                droppedNow - droppedWhenLogged.getAndSet(droppedNow));
    }

    /** On the writer's thread only. */
    private void logFailure(Exception e) {
        Instant now = clock.instant();
        if (lastFailureLog.plus(LOG_EVERY).isAfter(now)) {
            return;
        }
        lastFailureLog = now;
        // The exception's message, never the rows: they are patients' vitals.
        LOG.warn("The record cannot be written ({}): {} readings and alert changes wait, trying again",
                e.getClass().getSimpleName() + ": " + e.getMessage(), pending());
    }

    private boolean pauseFor(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes what is queued (for up to {@link #CLOSE_PATIENCE}, while the database answers), then stops the thread. */
    @Override
    public void close() {
        stopBy = System.nanoTime() + CLOSE_PATIENCE.toNanos();
        running = false;
        try {
            thread.join(CLOSE_PATIENCE.plus(LINGER).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
        int left = pending() + inHand;
        if (left > 0) {
            LOG.warn("The record writer stopped with {} readings and alert changes not written", left);
        }
    }
}
