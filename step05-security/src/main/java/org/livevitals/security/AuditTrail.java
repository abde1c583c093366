package org.livevitals.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's audit file: every {@link AuditEvent} appended as one {@link AuditRecord} line, chained to
 * the one before, so that the hospital can later prove who saw which patient and who was turned away
 * (HIPAA's audit controls), and {@link AuditVerifier} can show whether anyone changed the file since.
 *
 * <p><b>Writing.</b> Each record opens the file, appends its line and closes it: a few microseconds, at
 * the pace people sign in and connect, and in return a failed write leaves nothing half-open for the
 * next record to trip over, and a file moved away is simply created again. The line is handed to the
 * operating system before {@link #record} returns but not forced to the disk ({@code fsync}): a crash of
 * the server loses nothing, a power cut or a crash of the machine may lose the last few seconds of
 * records. Forcing every line would cost a disk flush per sign-in; a deployment that needs it ships
 * the file to another system as it grows, which also guards against someone deleting it.
 *
 * <p><b>Failing.</b> The audit trail must not take the monitoring down with it: a record that cannot be
 * written is logged (its number, action and outcome, never more of it), counted in {@link #failedWrites()},
 * and left out of the chain, and the next record tries again. A line written only in part is cut off
 * again, so the file keeps whole lines.
 *
 * <p>Only one trail may write a file at a time: two would number their records twice.
 */
public final class AuditTrail implements AutoCloseable {

    /** How many of the newest records are kept in memory for the admin's view. */
    public static final int RECENT_CAPACITY = 500;

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    /** Enough to hold the longest line a reader accepts, in UTF-8, with its line end. */
    private static final int TAIL_BYTES = 4 * AuditRecord.MAX_LINE_CHARS + 1;

    private final Path file;
    private final Clock clock;
    private final RefusalLimiter refusals;
    private final Deque<AuditRecord> recent = new ArrayDeque<>();
    private long lastNumber;
    private String lastHash;
    private long failedWrites;
    private boolean closed;

    private AuditTrail(Path file, Clock clock, AuditRecord last) {
        this.file = file;
        this.clock = clock;
        this.refusals = new RefusalLimiter(clock);
        this.lastNumber = last == null ? 0 : last.n();
        this.lastHash = last == null ? AuditRecord.NO_PREVIOUS : last.hash();
    }

    /**
     * Opens the trail in {@code file}, creating its directory. A file that exists is continued from its
     * last record (its number and hash). The records before it are not checked: that is
     * {@link AuditVerifier}'s job, run when someone asks, and a server's start must stay fast however
     * long the file has grown.
     *
     * @throws IOException when the directory cannot be made, or the file's last line is not a whole
     *     record (a write cut short by a crash of the machine): then a person decides what to do with it,
     *     since a chain continued from a guess would not verify
     */
    public static AuditTrail open(Path file, Clock clock) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        if (!Files.exists(file) && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            try { // names, addresses and patients: for its owner's eyes only, from the first byte
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException raced) {
                // another process made it first
            }
        }
        AuditRecord last = Files.exists(file) ? lastRecordOf(file) : null;
        LOG.info("Audit trail {}: {}", file, last == null ? "starting" : "continuing after record " + last.n());
        return new AuditTrail(file, clock, last);
    }

    /** Appends {@code event} as the next record. Never throws for a failed write (see the class comment). */
    public synchronized void record(AuditEvent event) {
        AuditRecord next = AuditRecord.chained(lastNumber + 1, clock.instant(), event, lastHash);
        if (closed) {
            fail(next, "the audit trail is closed");
            return;
        }
        try {
            append(next.toJsonLine() + "\n");
        } catch (IOException | RuntimeException e) {
            fail(next, e.toString());
            return;
        }
        lastNumber = next.n();
        lastHash = next.hash();
        recent.addLast(next);
        if (recent.size() > RECENT_CAPACITY) {
            recent.removeFirst();
        }
    }

    /**
     * Records a refusal of a request from {@code event.address()}, within {@link RefusalLimiter}'s
     * bound: past it, an address that keeps failing gets records that count its refusals, not one
     * record a failure.
     */
    public void recordRefusal(AuditEvent event) {
        refusals.refused(event).ifPresent(this::record);
    }

    /** The newest {@code limit} records written since this trail was opened (at most {@link #RECENT_CAPACITY}), oldest first. */
    public synchronized List<AuditRecord> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit is " + limit + ": it cannot be negative");
        }
        List<AuditRecord> all = new ArrayList<>(recent);
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }

    /** How many records could not be written since this trail was opened: anything but 0 wants a look. */
    public synchronized long failedWrites() {
        return failedWrites;
    }

    public Path file() {
        return file;
    }

    /** Stops writing: a record after this is counted as failed. Nothing is held open between records. */
    @Override
    public synchronized void close() {
        closed = true;
    }

    private void append(String line) throws IOException {
        // A stopping server interrupts its threads, and a FileChannel closes itself under a thread that
        // is interrupted (ClosedByInterruptException): the record of a dashboard leaving as the server
        // stops would be lost. So the record is written with the flag cleared, and the flag put back.
        boolean interrupted = Thread.interrupted();
        try {
            appendUninterrupted(line);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void appendUninterrupted(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            long wholeLines = channel.size();
            try {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            } catch (IOException e) {
                channel.truncate(wholeLines); // no half line for the next record to be glued to
                throw e;
            }
        }
    }

    private void fail(AuditRecord lost, String why) {
        failedWrites++;
        // The record's action and outcome say what was lost; who and which patient stay out of the log.
        LOG.warn("An audit record ({}, {}) was not written to {}: {}; {} lost so far, the next record tries again",
                lost.action(), lost.outcome(), file, why, failedWrites);
    }

    /** The last line of {@code file} as a record, reading only its tail; null for an empty file. */
    private static AuditRecord lastRecordOf(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return null;
            }
            int length = (int) Math.min(size, TAIL_BYTES);
            ByteBuffer tail = ByteBuffer.allocate(length);
            channel.position(size - length);
            while (tail.hasRemaining() && channel.read(tail) >= 0) {
                // read until the tail is full
            }
            String text = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8);
            if (!text.endsWith("\n")) {
                throw new IOException(file + " does not end with a whole line (a write cut short?): check it with verify-audit");
            }
            String lastLine = text.substring(text.lastIndexOf('\n', text.length() - 2) + 1, text.length() - 1);
            try {
                return AuditRecord.parse(lastLine);
            } catch (IllegalArgumentException e) {
                throw new IOException("the last line of " + file + " is not an audit record (" + e.getMessage()
                        + "): check it with verify-audit", e);
            }
        }
    }
}
