package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.livevitals.security.SecureFixture.DOCTOR;
import static org.livevitals.security.SecureFixture.ICU_NURSE;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.broadcast.QueryParameters;
import org.livevitals.echo.RawWebSocket;
import org.livevitals.testkit.RawHttp;
import org.livevitals.testkit.Scenario;

/**
 * Lab 5's handshake: every kind of bad ticket is refused with 401, and a page from another site with
 * 403, before the upgrade. Each forged ticket carries a doctor's claims, the most an attacker could want.
 */
class HandshakeTest {

    private static final Access DOCTOR_ACCESS = new Access(DOCTOR.name(), Role.DOCTOR, Set.of());
    /** L5-04: well past the clock skew the server forgives. */
    private static final Duration EXPIRED_AGO = Duration.ofMinutes(1);
    private static final String FOREIGN_ORIGIN = "https://evil.example";

    @TempDir
    Path dataDir;
    private SecureFixture fixture;
    private ForgedTokens forge;

    @BeforeEach
    void start() throws Exception {
        fixture = new SecureFixture(dataDir);
        forge = new ForgedTokens(SigningKey.development(dataDir), Clock.systemUTC()); // the server's own key
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    /** 401 before the upgrade, and the audit trail says why: the refusal was for {@code reason}, not for something else. */
    private void assertRefused(String ticket, String what, String reason) throws Exception {
        fixture.dashboard(what, ticket, "", null).recorder().assertFailure(401);
        assertThat(fixture.server.audit().recent(AuditTrail.RECENT_CAPACITY)).as("the audit record of the refusal (%s)", what)
                .last().satisfies(record -> {
                    assertThat(record.action()).isEqualTo(AuditEvent.HANDSHAKE);
                    assertThat(record.outcome()).startsWith("refused: ").contains(reason);
                });
    }

    @Test
    @Scenario("L5-02")
    void aHandshakeWithoutATicketOrWithAQueryThatCannotBeReadIsRefusedAndAudited() throws Exception {
        assertRefused(null, "no ticket", "no ticket");
        assertThat(fixture.server.audit().recent(5)).as("the audit trail").anySatisfy(record -> {
            assertThat(record.action()).isEqualTo(AuditEvent.HANDSHAKE);
            assertThat(record.outcome()).startsWith("refused: no ticket");
        });

        // A broken % escape, which Java's URI cannot even carry: Lab 2's hand-made client sends it as written.
        String unreadable = fixture.server.webSocketUri().getPath() + "?ticket=%zz";
        assertThatThrownBy(() -> RawWebSocket.connect("localhost", fixture.server.port(), unreadable, line -> { }))
                .as("a handshake whose query cannot be read")
                .isInstanceOfSatisfying(RawWebSocket.HandshakeRefusedException.class, refused ->
                        new RawHttp.Answer(unreadable, refused.handshake().status(), refused.handshake().headers(), refused.body())
                                .assertJsonError(400, QueryParameters.UNREADABLE));
        assertThat(fixture.server.audit().recent(1)).as("the audit record of the unreadable query").singleElement()
                .satisfies(record -> {
                    assertThat(record.action()).isEqualTo(AuditEvent.HANDSHAKE);
                    assertThat(record.outcome()).isEqualTo(AuditEvent.refused(QueryParameters.UNREADABLE));
                });
    }

    @Test
    @Scenario("L5-03")
    void aTicketThatIsNotAJwtIsRefusedWith401() throws Exception {
        assertRefused("not-a-token", "not a JWT", "not a JWT");
    }

    @Test
    @Scenario("L5-04")
    void anExpiredTicketIsRefusedWith401() throws Exception {
        Instant past = Instant.now().minus(EXPIRED_AGO);
        JWTClaimsSet expired = forge.ticketClaims(DOCTOR_ACCESS)
                .issueTime(Date.from(past.minusSeconds(30))).expirationTime(Date.from(past)).build();
        assertRefused(forge.signed(expired), "expired", "expired");
    }

    @Test
    @Scenario("L5-05")
    void aTicketWhoseClaimsWereEditedIsRefusedWith401() throws Exception {
        String nursesTicket = fixture.ticket(fixture.signIn(ICU_NURSE));
        JWTClaimsSet promoted = new JWTClaimsSet.Builder(forge.ticketClaims(DOCTOR_ACCESS).build())
                .subject(ICU_NURSE.name()).build();
        assertRefused(forge.tampered(nursesTicket, promoted), "tampered", "bad signature");
    }

    @Test
    @Scenario("L5-06")
    void anUnsignedTicketIsRefusedWith401() throws Exception {
        assertRefused(forge.unsigned(forge.ticketClaims(DOCTOR_ACCESS).build()), "alg none", "algorithm not allowed: none");
    }

    @Test
    @Scenario("L5-07")
    void aTicketFromAnotherIssuerIsRefusedWith401() throws Exception {
        assertRefused(forge.signed(forge.ticketClaims(DOCTOR_ACCESS).issuer("https://idp.elsewhere.example").build()),
                "wrong issuer", "wrong issuer");
    }

    @Test
    @Scenario("L5-08")
    void aTokenForTheApiIsNotATicketAndIsRefusedWith401() throws Exception {
        assertRefused(forge.signed(forge.ticketClaims(DOCTOR_ACCESS).audience(Tokens.API_AUDIENCE).build()),
                "ticket for the API's audience", "wrong audience");
        assertRefused(fixture.signIn(DOCTOR), "the sign-in token itself", "wrong audience");
    }

    @Test
    @Scenario("L5-09")
    void aTicketUsedTwiceIsRefusedTheSecondTime() throws Exception {
        String ticket = fixture.ticket(fixture.signIn(DOCTOR));
        fixture.dashboard("first use", ticket, "", null).next(); // its snapshot: the session opened
        assertRefused(ticket, "second use", "ticket already used");
    }

    @Test
    @Scenario("L5-10")
    void aPageFromAnotherSiteIsRefusedWith403AndItsTicketIsNotSpent() throws Exception {
        String ticket = fixture.ticket(fixture.signIn(DOCTOR));
        fixture.dashboard("evil page", ticket, "", FOREIGN_ORIGIN).recorder().assertFailure(403);

        String ownOrigin = "http://localhost:" + fixture.server.port();
        assertThat(fixture.dashboard("own page", ticket, "", ownOrigin).next().path("type").asString())
                .as("the same ticket from the server's own page").isEqualTo("snapshot");
    }
}
