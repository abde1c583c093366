package org.livevitals.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks an audit file's chain from its first line to its last and names the first record that was
 * edited, removed or moved: the answer to "can this file still be trusted, and from where not?".
 *
 * <p>Each line is checked against the one before it, in this order: it is a record at all; its hash
 * matches its content (else it was <b>edited</b>); its number is one more than the previous one (a jump
 * ahead means records were <b>removed</b> or moved further down, a number that goes back or repeats
 * means it is <b>out of order</b>); its {@code prev} is the previous record's hash (which catches an
 * edit, a removal or a move even when the numbers were rewritten to look consecutive). The first record
 * must be number 1 and follow {@link AuditRecord#NO_PREVIOUS}. The file is read as a stream, keeping
 * only the previous record, so a file of any length is checked in a few kilobytes of memory.
 *
 * <p><b>What a hash chain does not catch.</b> Records removed from the <em>end</em> leave a shorter
 * chain that is still whole; and someone who can write the file can recompute every hash from the
 * record they changed onwards, since nothing secret goes into a hash. Both are caught by anchoring the
 * latest hash somewhere the same person cannot reach: print it in a daily report, send it to another
 * system, and compare. {@code verify-audit} prints it for that reason.
 */
public final class AuditVerifier {

    private AuditVerifier() {}

    /**
     * What a check found.
     *
     * @param intact     whether every line is a record that follows the one before it
     * @param checked    how many records were found sound (all of them, when intact)
     * @param firstBad   the number of the first bad record as that record gives it, or, for a line that is
     *                   not a record, its line number (which, after sound records, is the number due there);
     *                   0 when intact
     * @param reason     what is wrong with it, for a person; null when intact
     * @param latestHash the hash of the last sound record: {@link AuditRecord#NO_PREVIOUS} when there is none
     */
    public record Verdict(boolean intact, long checked, long firstBad, String reason, String latestHash) {

        static Verdict intact(long checked, String latestHash) {
            return new Verdict(true, checked, 0, null, latestHash);
        }

        static Verdict broken(long checked, long firstBad, String reason, String latestHash) {
            return new Verdict(false, checked, firstBad, reason, latestHash);
        }
    }

    /**
     * Reads {@code file} line by line and stops at the first bad record.
     *
     * @throws IOException when the file cannot be read (it is missing, a directory, not readable)
     */
    public static Verdict verify(Path file) throws IOException {
        // Bytes that are not UTF-8 are read as U+FFFD, so they show as an edit instead of stopping the check.
        try (Reader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            AuditRecord previous = null;
            long lineNumber = 0;
            for (String line = nextLine(in); line != null; line = nextLine(in)) {
                lineNumber++;
                String latestHash = previous == null ? AuditRecord.NO_PREVIOUS : previous.hash();
                if (line.length() > AuditRecord.MAX_LINE_CHARS) {
                    return Verdict.broken(lineNumber - 1, lineNumber, "line " + lineNumber
                            + " is not an audit record: it is longer than " + AuditRecord.MAX_LINE_CHARS + " characters", latestHash);
                }
                AuditRecord record;
                try {
                    record = AuditRecord.parse(line);
                } catch (IllegalArgumentException e) {
                    return Verdict.broken(lineNumber - 1, lineNumber,
                            "line " + lineNumber + " is not an audit record: " + e.getMessage(), latestHash);
                }
                Optional<String> problem = problem(previous, record);
                if (problem.isPresent()) {
                    return Verdict.broken(lineNumber - 1, record.n(), problem.get(), latestHash);
                }
                previous = record;
            }
            return Verdict.intact(lineNumber, previous == null ? AuditRecord.NO_PREVIOUS : previous.hash());
        }
    }

    /**
     * What is wrong with {@code record} coming right after {@code previous} (null for the first line),
     * or empty when it follows it as a record written by {@link AuditTrail} does.
     */
    public static Optional<String> problem(AuditRecord previous, AuditRecord record) {
        // Exercise 3 starts here (scenarios L5-19 L5-20 L5-21)
        long n = record.n();
        if (!record.hashMatches()) {
            return Optional.of("record " + n + " was edited: its hash does not match its content");
        }
        if (previous == null) {
            return n == 1 && record.prev().equals(AuditRecord.NO_PREVIOUS)
                    ? Optional.empty()
                    : Optional.of("record " + n + " comes first: the records before it were removed");
        }
        long expected = previous.n() + 1;
        if (n > expected) {
            String missing = n == expected + 1 ? "record " + expected + " was" : "records " + expected + " to " + (n - 1) + " were";
            return Optional.of("record " + n + " follows record " + previous.n() + ": " + missing + " removed or moved");
        }
        if (n < expected) {
            return Optional.of("record " + n + " is out of order: it comes after record " + previous.n());
        }
        if (!record.prev().equals(previous.hash())) {
            return Optional.of("record " + n + " does not follow record " + previous.n()
                    + ": a record before it was edited, removed or reordered");
        }
        return Optional.empty();
        // Exercise 3 ends here
    }

    /** The next line without its line end; null at the end; a line past the limit is cut just beyond it. */
    private static String nextLine(Reader in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c = in.read();
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n') {
            if (line.length() <= AuditRecord.MAX_LINE_CHARS) {
                line.append((char) c);
            } else {
                return line.toString(); // too long to be a record: the caller stops here, so the rest is never read
            }
            c = in.read();
        }
        return line.toString();
    }
}
