package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trail as the server uses it: a chain that survives a restart, a write that fails without a throw, bounded values and memory. */
class AuditTrailTest {

    /** Microseconds in it, so that the record's millisecond precision shows. */
    private static final Instant NOW = Instant.parse("2025-03-01T09:15:02.120456Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path directory;

    private static AuditEvent connect(String user) {
        return new AuditEvent(user, Role.NURSE.wireName(), "10.0.0.7", AuditEvent.CONNECT, null, AuditEvent.OK);
    }

    private static List<AuditRecord> recordsIn(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(AuditRecord::parse).toList();
    }

    @Test
    void theChainGoesOnAcrossARestart() throws IOException {
        Path file = directory.resolve("data/audit.jsonl");
        try (AuditTrail trail = AuditTrail.open(file, CLOCK)) {
            IntStream.rangeClosed(1, 3).forEach(i -> trail.record(connect("nurse-" + i)));
        }
        try (AuditTrail trail = AuditTrail.open(file, CLOCK)) {
            IntStream.rangeClosed(4, 5).forEach(i -> trail.record(connect("nurse-" + i)));
        }

        List<AuditRecord> records = recordsIn(file);
        assertThat(records).extracting(AuditRecord::n).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(records.get(0).prev()).isEqualTo(AuditRecord.NO_PREVIOUS);
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).prev()).as("record %d's prev", i + 1).isEqualTo(records.get(i - 1).hash());
        }
        assertThat(AuditVerifier.verify(file)).isEqualTo(new AuditVerifier.Verdict(true, 5, 0, null, records.get(4).hash()));
    }

    @Test
    void aHashIsTheSha256OfTheLineWithoutItsHashField() throws Exception {
        Path file = directory.resolve("audit.jsonl");
        try (AuditTrail trail = AuditTrail.open(file, CLOCK)) {
            trail.record(new AuditEvent("alice", Role.DOCTOR.wireName(), "10.0.0.7", AuditEvent.SIGN_IN, null, AuditEvent.OK));
        }
        String line = Files.readString(file);
        String hash = AuditRecord.parse(line.strip()).hash();
        assertThat(line).isEqualTo("{\"n\":1,\"time\":\"2025-03-01T09:15:02.120Z\",\"user\":\"alice\",\"role\":\"doctor\","
                + "\"address\":\"10.0.0.7\",\"action\":\"sign-in\",\"patient\":null,\"outcome\":\"ok\",\"prev\":\""
                + AuditRecord.NO_PREVIOUS + "\",\"hash\":\"" + hash + "\"}\n");

        // The recipe of AuditRecord's Javadoc, done by hand: drop the hash field, hash the rest.
        String canonical = line.strip().replaceFirst(",\"hash\":\"[0-9a-f]{64}\"}$", "}");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        assertThat(HexFormat.of().formatHex(digest)).isEqualTo(hash);
    }

    @Test
    void aRecordMadeOnAnInterruptedThreadIsWrittenAndTheThreadStaysInterrupted() throws IOException {
        Path file = directory.resolve("audit.jsonl");
        try (AuditTrail trail = AuditTrail.open(file, CLOCK)) {
            Thread.currentThread().interrupt(); // as a stopping server's threads are
            try {
                trail.record(connect("nurse-1"));
                assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for its owner").isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(trail.failedWrites()).isZero();
        }
        assertThat(recordsIn(file)).extracting(AuditRecord::user).containsExactly("nurse-1");
    }

    @Test
    void aFailedWriteIsCountedAndTheNextRecordStillTries() throws IOException {
        Path file = directory.resolve("audit.jsonl");
        try (AuditTrail trail = AuditTrail.open(file, CLOCK)) {
            trail.record(connect("nurse-1"));
            // A directory where the file was: no write can succeed, even as root.
            Files.delete(file);
            Files.createDirectory(file);

            trail.record(connect("nurse-2"));
            assertThat(trail.failedWrites()).isEqualTo(1);

            Files.delete(file);
            trail.record(connect("nurse-3"));
            assertThat(trail.failedWrites()).as("the record after the failure was written").isEqualTo(1);
            assertThat(trail.recent(10)).extracting(AuditRecord::user).containsExactly("nurse-1", "nurse-3");
        }
        AuditRecord written = recordsIn(file).get(0);
        assertThat(written.n()).as("the lost record left no gap in the numbers").isEqualTo(2);
        assertThat(written.user()).isEqualTo("nurse-3");
    }

    @Test
    void aRecordAfterCloseIsCountedAsFailed() throws IOException {
        Path file = directory.resolve("audit.jsonl");
        AuditTrail trail = AuditTrail.open(file, CLOCK);
        trail.close();
        trail.record(connect("nurse-1"));
        assertThat(trail.failedWrites()).isEqualTo(1);
        assertThat(file).isEmptyFile();
    }

    @Test
    void theFileIsReadableByItsOwnerOnly() throws IOException {
        Path file = directory.resolve("audit.jsonl");
        AuditTrail.open(file, CLOCK).close();
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void onlyTheNewestRecordsAreKeptInMemory() throws IOException {
        int written = AuditTrail.RECENT_CAPACITY + 10;
        try (AuditTrail trail = AuditTrail.open(directory.resolve("audit.jsonl"), CLOCK)) {
            IntStream.rangeClosed(1, written).forEach(i -> trail.record(connect("nurse-" + i)));

            assertThat(trail.recent(Integer.MAX_VALUE)).hasSize(AuditTrail.RECENT_CAPACITY)
                    .last().extracting(AuditRecord::n).isEqualTo((long) written);
            assertThat(trail.recent(3)).extracting(AuditRecord::n)
                    .containsExactly(written - 2L, written - 1L, (long) written);
            assertThat(trail.recent(0)).isEmpty();
            assertThatThrownBy(() -> trail.recent(-1)).hasMessageContaining("negative");
        }
    }

    @Test
    void controlCharactersAreEscapedSoAValueCannotForgeALine() throws IOException {
        Path file = directory.resolve("audit.jsonl");
        String forged = "eve\n{\"n\":2,\"user\":\"admin\"}\r\u001B[31m";
        try (AuditTrail trail = AuditTrail.open(file, CLOCK)) {
            trail.record(new AuditEvent(forged, null, "10.0.0.7\t", AuditEvent.SIGN_IN, null,
                    AuditEvent.refused("no user " + forged)));
        }
        assertThat(Files.readAllLines(file)).hasSize(1);
        AuditRecord record = recordsIn(file).get(0);
        assertThat(record.user()).isEqualTo("eve\\n{\"n\":2,\"user\":\"admin\"}\\r\\u001B[31m");
        assertThat(record.address()).isEqualTo("10.0.0.7\\t");
        assertThat(record.outcome()).startsWith("refused: no user eve\\n").doesNotContain("\n", "\r", "\u001B");
        assertThat(record.role()).isNull();
    }

    @Test
    void longValuesAreCut() {
        String huge = "x".repeat(10_000);
        AuditEvent event = new AuditEvent(huge, null, huge, AuditEvent.SIGN_IN, huge, AuditEvent.refused(huge));
        String cut = "x".repeat(AuditEvent.MAX_FIELD_CHARS) + AuditEvent.CUT_MARK;
        assertThat(event.user()).isEqualTo(cut);
        assertThat(event.address()).isEqualTo(cut);
        assertThat(event.patient()).isEqualTo(cut);
        assertThat(event.outcome()).hasSize(AuditEvent.MAX_FIELD_CHARS + AuditEvent.CUT_MARK.length()).startsWith("refused: x");
    }

    @Test
    void aFileWhoseLastLineWasCutShortIsNotContinuedFromAGuess() throws IOException {
        Path file = directory.resolve("audit.jsonl");
        try (AuditTrail trail = AuditTrail.open(file, CLOCK)) {
            trail.record(connect("nurse-1"));
        }
        Files.writeString(file, "{\"n\":2,\"ti", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> AuditTrail.open(file, CLOCK)).isInstanceOf(IOException.class)
                .hasMessageContaining("does not end with a whole line");
    }

    @Test
    void anEmptyFileStartsAChain() throws IOException {
        Path file = Files.createFile(directory.resolve("audit.jsonl"));
        try (AuditTrail trail = AuditTrail.open(file, CLOCK)) {
            trail.record(connect("nurse-1"));
        }
        assertThat(recordsIn(file).get(0).n()).isEqualTo(1);
    }
}
