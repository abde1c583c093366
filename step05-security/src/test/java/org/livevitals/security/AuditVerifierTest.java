package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.cli.Launcher;
import org.livevitals.testkit.Scenario;

/**
 * A trail written by {@link AuditTrail}, then tampered with as someone with a text editor would, then
 * checked with {@code verify-audit} as an auditor would run it.
 */
class AuditVerifierTest {

    /** Records in the trail under test: enough for a record in the middle to have neighbours on both sides. */
    private static final int RECORDS = 10;
    /** The record whose outcome is edited (L5-19): it was refused, and the edit says it was allowed. */
    private static final int EDITED = 7;
    /** The record removed from the middle (L5-20). */
    private static final int REMOVED = 6;
    /** The first of two neighbours that swap places (L5-21): records 4 and 5 become 5 and 4. */
    private static final int SWAPPED = 4;

    @TempDir
    Path directory;

    private Path file;

    /** A command's exit code and what it printed on each stream. */
    private record Ran(int exitCode, String out, String err) {}

    @BeforeEach
    void writeATrail() throws IOException {
        file = directory.resolve("live-vitals-data/audit.jsonl");
        try (AuditTrail trail = AuditTrail.open(file, Clock.fixed(Instant.parse("2025-03-01T09:00:00Z"), ZoneOffset.UTC))) {
            for (int n = 1; n <= RECORDS; n++) {
                String outcome = n == EDITED ? AuditEvent.refused("not her ward") : AuditEvent.OK;
                trail.record(new AuditEvent("nurse-" + n, Role.NURSE.wireName(), "10.0.0." + n, AuditEvent.REQUEST,
                        String.format("P%03d", n), outcome));
            }
        }
        assertThat(verifyAudit(file.toString())).as("the trail before anyone touched it")
                .isEqualTo(new Ran(VerifyAuditCommand.INTACT, "audit trail intact: " + RECORDS + " records, latest hash "
                        + AuditVerifier.verify(file).latestHash() + System.lineSeparator(), ""));
    }

    private static Ran verifyAudit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Launcher.commandLine(new VerifyAuditCommand())
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Ran(exitCode, out.toString(), err.toString());
    }

    private void tamper(UnaryOperator<List<String>> edit) throws IOException {
        List<String> lines = edit.apply(new ArrayList<>(Files.readAllLines(file)));
        Files.write(file, lines);
    }

    private void assertBroken(long firstBad, String reason) {
        assertThat(verifyAudit(file.toString())).isEqualTo(new Ran(VerifyAuditCommand.BROKEN,
                "audit trail broken at record " + firstBad + ": " + reason + System.lineSeparator(), ""));
    }

    @Test
    @Scenario("L5-19")
    void anEditedOutcomeIsReportedAtItsRecord() throws IOException {
        tamper(lines -> {
            String line = lines.get(EDITED - 1);
            assertThat(line).contains("\"outcome\":\"refused: not her ward\"");
            lines.set(EDITED - 1, line.replace("\"outcome\":\"refused: not her ward\"", "\"outcome\":\"ok\""));
            return lines;
        });
        assertBroken(EDITED, "record " + EDITED + " was edited: its hash does not match its content");
    }

    @Test
    @Scenario("L5-20")
    void aRemovedRecordIsReportedAtTheRecordAfterTheGap() throws IOException {
        tamper(lines -> {
            lines.remove(REMOVED - 1);
            return lines;
        });
        assertBroken(REMOVED + 1, "record " + (REMOVED + 1) + " follows record " + (REMOVED - 1) + ": record "
                + REMOVED + " was removed or moved");
    }

    @Test
    @Scenario("L5-21")
    void twoSwappedRecordsAreReportedAtTheFirstOfThem() throws IOException {
        tamper(lines -> {
            Collections.swap(lines, SWAPPED - 1, SWAPPED);
            return lines;
        });
        // The file now reads 1, 2, 3, 5, 4, 6, ...: record 5 is the first of the two, and the first out of place.
        assertBroken(SWAPPED + 1, "record " + (SWAPPED + 1) + " follows record " + (SWAPPED - 1) + ": record "
                + SWAPPED + " was removed or moved");
    }

    @Test
    void renumberingAfterARemovalStillBreaksTheChain() throws IOException {
        // Record 6 removed, and 7..10 renumbered with their hashes recomputed, so each looks whole on its own.
        tamper(lines -> {
            List<String> renumbered = new ArrayList<>(lines.subList(0, REMOVED - 1));
            for (String line : lines.subList(REMOVED, lines.size())) {
                AuditRecord r = AuditRecord.parse(line);
                AuditEvent event = new AuditEvent(r.user(), r.role(), r.address(), r.action(), r.patient(), r.outcome());
                renumbered.add(AuditRecord.chained(r.n() - 1, r.time(), event, r.prev()).toJsonLine());
            }
            return renumbered;
        });
        assertBroken(REMOVED, "record " + REMOVED + " does not follow record " + (REMOVED - 1)
                + ": a record before it was edited, removed or reordered");
    }

    @Test
    void aRecordThatComesBackLaterIsOutOfOrder() throws IOException {
        tamper(lines -> {
            lines.add(lines.get(2));
            return lines;
        });
        assertBroken(3, "record 3 is out of order: it comes after record " + RECORDS);
    }

    @Test
    void removingTheFirstRecordsShows() throws IOException {
        tamper(lines -> new ArrayList<>(lines.subList(2, lines.size())));
        assertBroken(3, "record 3 comes first: the records before it were removed");
    }

    @Test
    void aLineThatIsNotARecordIsNamedByItsLineNumber() throws IOException {
        tamper(lines -> {
            lines.set(4, "\u001B[2J hello");
            return lines;
        });
        Ran ran = verifyAudit(file.toString());
        assertThat(ran.exitCode()).isEqualTo(VerifyAuditCommand.BROKEN);
        assertThat(ran.out()).startsWith("audit trail broken at record 5: line 5 is not an audit record: ")
                .doesNotContain("\u001B");
    }

    @Test
    void anOverlongLineIsRefusedWithoutReadingItWhole() throws IOException {
        tamper(lines -> {
            lines.add(2, "x".repeat(AuditRecord.MAX_LINE_CHARS * 4));
            return lines;
        });
        assertBroken(3, "line 3 is not an audit record: it is longer than " + AuditRecord.MAX_LINE_CHARS + " characters");
    }

    @Test
    void anEmptyFileIsAnIntactTrailOfNoRecords() throws IOException {
        Files.write(file, new byte[0]);
        assertThat(verifyAudit(file.toString()).out())
                .isEqualTo("audit trail intact: 0 records, latest hash " + AuditRecord.NO_PREVIOUS + System.lineSeparator());
    }

    @Test
    void aMissingFileIsSaidInOneLine() {
        Path missing = directory.resolve("nowhere/audit.jsonl");
        assertThat(verifyAudit(missing.toString())).isEqualTo(new Ran(VerifyAuditCommand.UNREADABLE, "",
                "verify-audit: there is no audit file at " + missing + ": give the path of <data-dir>/audit.jsonl"
                        + System.lineSeparator()));
    }

    @Test
    void theHelpNamesTheDefaultFileAndTheExitCodes() {
        Ran ran = verifyAudit("--help");
        assertThat(ran.out()).contains(VerifyAuditCommand.DEFAULT_FILE, "1   the audit trail is broken");
    }
}
