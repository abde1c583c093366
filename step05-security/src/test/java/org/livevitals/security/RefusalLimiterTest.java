package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.testkit.SettableClock;

/** A client that keeps failing cannot fill the audit trail: a bounded number of records a minute per address. */
class RefusalLimiterTest {

    private static final String ATTACKER = "203.0.113.9";
    private static final String NURSE = "10.0.0.7";
    private static final int ATTEMPTS = 1_000;

    @TempDir
    Path dir;

    @Test
    void refusalsBeyondTheLimitAreCountedAndTheNextMinutesFirstRecordSaysHowMany() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-30T10:00:00Z"));
        try (AuditTrail trail = AuditTrail.open(dir.resolve("audit.jsonl"), clock)) {
            AuditEvent refused = new AuditEvent(null, null, ATTACKER, AuditEvent.HANDSHAKE, null, AuditEvent.refused("no ticket"));
            for (int i = 0; i < ATTEMPTS; i++) {
                trail.recordRefusal(refused);
            }
            trail.recordRefusal(new AuditEvent(null, null, NURSE, AuditEvent.HANDSHAKE, null, AuditEvent.refused("expired")));
            List<AuditRecord> records = trail.recent(AuditTrail.RECENT_CAPACITY);
            assertThat(records).filteredOn(r -> ATTACKER.equals(r.address())).hasSize(RefusalLimiter.RECORDED_PER_WINDOW);
            assertThat(records).as("another address is not affected").anySatisfy(r -> assertThat(r.address()).isEqualTo(NURSE));

            clock.advance(RefusalLimiter.WINDOW);
            trail.recordRefusal(refused);
            assertThat(trail.recent(1).get(0).outcome()).as("a minute later")
                    .isEqualTo(AuditEvent.refused("no ticket") + " (and " + (ATTEMPTS - RefusalLimiter.RECORDED_PER_WINDOW)
                            + " refusals from this address in the minute from 2026-11-30T10:00:00Z were counted, not recorded)");
        }
        assertThat(AuditVerifier.verify(dir.resolve("audit.jsonl")).intact()).isTrue();
    }
}
