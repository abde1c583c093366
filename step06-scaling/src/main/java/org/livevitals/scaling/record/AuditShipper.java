package org.livevitals.scaling.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.livevitals.security.AuditRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies this node's audit trail into the database, record for record, and never drops one.
 *
 * <p>The audit file Lab 5 writes <em>is</em> the queue: every record is on disk before the action it
 * records is answered, whatever the database is doing. This thread reads the file from where the table
 * stops ({@code max(n)} for this node) and inserts what follows, in batches, in order. When the database
 * is down it waits and tries again; nothing piles up in memory, because the file holds it. So the table
 * holds each node's chain exactly as its file does, and the verifier can check either.
 */
public final class AuditShipper implements AutoCloseable {

    /** How often the file is checked for new records. */
    static final Duration EVERY = Duration.ofMillis(250);
    /** The most of the file read in one round: bounded memory, whatever its size. */
    static final int MAX_READ_BYTES = 1 << 20;
    static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(AuditShipper.class);

    static final String INSERT = """
            INSERT INTO audit_records (node_id, n, time, user_name, role, address, action, patient_id, outcome, prev, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (node_id, n) DO NOTHING""";

    private final DataSource database;
    private final String nodeId;
    private final Path file;
    private final Thread thread;
    private final AtomicLong shipped = new AtomicLong();
    private volatile boolean running = true;
    private volatile String problem;
    /** Where in the file the next record starts; -1 until the table's last record was found in it. */
    private long offset = -1;
    /** The last record number the table holds for this node. */
    private long stored = -1;
    /** The hash of this node's record 1 in the table, or null: the file's record 1 must be the same. */
    private String firstHash;
    /** Set when the table holds another chain under this node's name: nothing more is copied. */
    private volatile String conflict;

    AuditShipper(DataSource database, String nodeId, Path file) {
        this.database = database;
        this.nodeId = nodeId;
        this.file = file;
        this.thread = new Thread(this::run, "audit-shipper");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Records copied to the table since this node started. */
    public long shipped() {
        return shipped.get();
    }

    /** Why the last round failed, or empty. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private void run() {
        Duration pause = EVERY;
        while (running) {
            try {
                boolean more = shipRound();
                problem = conflict;
                pause = EVERY;
                if (more) {
                    continue; // a backlog: go on at once
                }
            } catch (IOException | SQLException | RuntimeException e) {
                if (problem == null) {
                    LOG.warn("The audit trail cannot be copied to the record ({}); its file keeps every record, trying again",
                            e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads what follows {@link #offset} and inserts it; true when there is more to read at once. */
    synchronized boolean shipRound() throws IOException, SQLException { // close() may run a last round
        if (!Files.exists(file)) {
            return false;
        }
        if (conflict != null) {
            return false;
        }
        if (stored < 0) { // all three together: a failure between the two queries leaves the setup to the next round
            long last = lastStored();
            String first = last > 0 ? firstStoredHash() : null;
            firstHash = first;
            offset = 0;
            stored = last;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= offset) {
                return false;
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(MAX_READ_BYTES, size - offset));
            channel.read(bytes, offset);
            byte[] read = bytes.array();
            int wholeLines = lastNewline(read, bytes.position()) + 1; // a line still being written waits
            if (wholeLines == 0) {
                return false;
            }
            List<AuditRecord> records = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < wholeLines; i++) {
                if (read[i] == '\n') {
                    Optional<AuditRecord> record = parse(new String(read, start, i - start, StandardCharsets.UTF_8));
                    if (record.isPresent() && record.get().n() == 1 && firstHash != null && !firstHash.equals(record.get().hash())) {
                        conflict = "the record holds another audit chain under node id " + nodeId;
                        problem = conflict;
                        LOG.error("The record already holds an audit trail of another server named {}: this node's records are not"
                                + " copied (they stay in {}). Give each server its own --node-id, or its own database.", nodeId, file);
                        return false;
                    }
                    record.filter(r -> r.n() > stored).filter(this::storable).ifPresent(records::add);
                    start = i + 1;
                }
            }
            insert(records);
            offset += wholeLines;
            if (!records.isEmpty()) {
                stored = records.get(records.size() - 1).n();
            }
            return offset < size;
        }
    }

    private Optional<AuditRecord> parse(String line) {
        try {
            return Optional.of(AuditRecord.parse(line));
        } catch (IllegalArgumentException e) {
            // Copied as it is would need a row that is not a record; the verifier of the file shows it.
            LOG.warn("A line of {} is not an audit record and is not copied to the record: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Whether the database can hold the record's time: a line edited to a time beyond PostgreSQL's range
     * would be refused for ever and stop the copy of every record after it. It is left out, with a
     * warning; the chain in the table then shows the gap, as the file's verifier shows the edit.
     */
    private boolean storable(AuditRecord record) {
        if (record.time().isBefore(HistoryQuery.EARLIEST) || record.time().isAfter(HistoryQuery.LATEST)) {
            LOG.warn("Audit record {} of {} has a time no database holds ({}): not copied to the record", record.n(), file,
                    record.time());
            return false;
        }
        return true;
    }

    private long lastStored() throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT coalesce(max(n), 0) FROM audit_records WHERE node_id = ?")) {
            query.setString(1, nodeId);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private String firstStoredHash() throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT hash FROM audit_records WHERE node_id = ? AND n = 1")) {
            query.setString(1, nodeId);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }

    private void insert(List<AuditRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            connection.setAutoCommit(false);
            for (AuditRecord record : records) {
                insert.setString(1, nodeId);
                insert.setLong(2, record.n());
                insert.setTimestamp(3, Timestamp.from(record.time()));
                insert.setString(4, record.user());
                insert.setString(5, record.role());
                insert.setString(6, record.address());
                insert.setString(7, record.action());
                insert.setString(8, record.patient());
                insert.setString(9, record.outcome());
                insert.setString(10, record.prev());
                insert.setString(11, record.hash());
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
            shipped.addAndGet(records.size());
        }
    }

    private static int lastNewline(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Stops, after one last copy of what the file gained (the records of the sessions a stop closed). */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(EVERY.multipliedBy(4).toMillis());
            for (int round = 0; round < 10 && shipRound(); round++) {
                // the rest of a backlog, while the database answers
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.warn("The audit trail's last records were not copied to the record ({}); they are in {}, and are copied at the next start",
                    e.getClass().getSimpleName(), file);
        }
    }
}
