package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.livevitals.testkit.SettableClock;

class TokensTest {

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    private static final Access NURSE = new Access("nurse.kim", Role.NURSE, Set.of(Wards.ICU));
    private static final Access DOCTOR = new Access("dr.lee", Role.DOCTOR, Set.of());
    /** Long enough that a piece of a token this long in a message cannot be a coincidence. */
    private static final int TOKEN_PIECE = 8;
    /** A memory of spent tickets small enough for a test to fill. */
    private static final int SMALL_CAPACITY = 3;
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    @TempDir
    Path dataDir;

    private SettableClock clock;
    private SigningKey key;
    private Tokens tokens;
    private ForgedTokens forge;

    @BeforeEach
    void setUp() {
        clock = new SettableClock(START);
        key = SigningKey.development(dataDir);
        tokens = new Tokens(key, clock, Tokens.DEFAULT_SIGN_IN_LIFETIME, Tokens.DEFAULT_TICKET_LIFETIME);
        forge = new ForgedTokens(key, clock);
    }

    // Round trips --------------------------------------------------------------------------------

    @Test
    void aSignInTokenComesBackAsTheAccessItWasMadeFor() throws TokenRejected {
        Tokens.SignedIn signedIn = tokens.signIn(NURSE);

        assertThat(signedIn.expiresAt()).isEqualTo(START.plus(Tokens.DEFAULT_SIGN_IN_LIFETIME));
        assertThat(tokens.verifySignIn(signedIn.token())).isEqualTo(NURSE);
        assertThat(tokens.verifySignInSession(signedIn.token()))
                .isEqualTo(new Tokens.Admission(NURSE, signedIn.expiresAt()));
    }

    @Test
    void aSignInTokenIsGoodUntilItExpiresAndForEveryRequestUntilThen() throws TokenRejected {
        Tokens.SignedIn signedIn = tokens.signIn(DOCTOR);
        clock.advance(Tokens.DEFAULT_SIGN_IN_LIFETIME.minus(ONE_SECOND));

        assertThat(tokens.verifySignIn(signedIn.token())).isEqualTo(DOCTOR);
        assertThat(tokens.verifySignIn(signedIn.token())).as("a sign-in token is not single-use").isEqualTo(DOCTOR);
    }

    @Test
    void aTicketAdmitsTheAccessItWasMadeForUntilTheSessionEnds() throws TokenRejected {
        Tokens.SignedIn signedIn = tokens.signIn(NURSE);
        Tokens.Admission session = tokens.verifySignInSession(signedIn.token());

        String ticket = tokens.ticket(session.access(), session.sessionEndsAt());

        assertThat(tokens.admit(ticket)).isEqualTo(new Tokens.Admission(NURSE, signedIn.expiresAt()));
    }

    @Test
    void theSignInTimesAreWholeSecondsAsTheTokenWritesThem() throws TokenRejected {
        clock.advance(Duration.ofMillis(700));
        Tokens.SignedIn signedIn = tokens.signIn(NURSE);

        assertThat(signedIn.expiresAt()).isEqualTo(START.plus(Tokens.DEFAULT_SIGN_IN_LIFETIME));
        assertThat(tokens.verifySignInSession(signedIn.token()).sessionEndsAt()).isEqualTo(signedIn.expiresAt());
    }

    @Test
    void aSignedInPrintsWithoutItsToken() {
        Tokens.SignedIn signedIn = tokens.signIn(NURSE);

        assertThat(signedIn.toString()).doesNotContain(signedIn.token()).contains("expiresAt");
    }

    // Not a token of ours ------------------------------------------------------------------------

    @Test
    void somethingThatIsNoJwtIsRefusedAsSuch() {
        assertRejected("not a JWT", "this-is-no-json-web-token-at-all", tokens::verifySignIn);
        assertRejected("not a JWT", "aGVhZGVyLW5vdC1qc29u.cGF5bG9hZC1ub3QtanNvbg.c2lnbmF0dXJl", tokens::admit);
        assertRejected("no token", "", tokens::verifySignIn);
        assertRejected("too long", tokens.signIn(NURSE).token() + "A".repeat(Tokens.MAX_TOKEN_LENGTH), tokens::verifySignIn);
    }

    @Test
    void anUnsignedTokenIsRefusedForItsAlgorithm() {
        assertRejected("algorithm not allowed: none", forge.unsigned(forge.ticketClaims(DOCTOR).build()), tokens::admit);
        assertRejected("algorithm not allowed: none", forge.unsigned(forge.signInClaims(DOCTOR).build()), tokens::verifySignIn);
    }

    @Test
    void aTokenMacedWithThePublicKeyIsRefusedForItsAlgorithmBeforeAnySignatureCheck() throws Exception {
        String confused = forge.macWithPublicKey(forge.signInClaims(DOCTOR).build());
        // The forgery is sound on its own terms: whoever keys HS256 with the public key accepts it.
        byte[] publicKey = key.jwk().toECPublicKey().getEncoded();
        assertThat(SignedJWT.parse(confused).verify(new MACVerifier(publicKey))).isTrue();

        assertRejected("algorithm not allowed: HS256", confused, tokens::verifySignIn);
        assertRejected("algorithm not allowed: HS256", forge.macWithPublicKey(forge.ticketClaims(DOCTOR).build()), tokens::admit);
    }

    @Test
    void anAlgorithmNameOfTheSendersOwnIsNotRepeated() {
        String header = Base64URL.encode("{\"alg\":\"SECRET-LOOKING-ALGORITHM\"}".getBytes(StandardCharsets.UTF_8)).toString();
        String[] real = tokens.signIn(NURSE).token().split("\\.");

        TokenRejected rejected = assertRejected("algorithm not allowed: unknown", header + "." + real[1] + "." + real[2], tokens::verifySignIn);
        assertThat(rejected.getMessage()).doesNotContain("SECRET");
    }

    @Test
    void aPayloadEditedAfterSigningFailsTheSignature() {
        String ticket = tokens.ticket(NURSE, START.plus(Tokens.DEFAULT_SIGN_IN_LIFETIME));
        JWTClaimsSet promoted = forge.ticketClaims(NURSE).claim(Tokens.ROLE_CLAIM, Role.DOCTOR.wireName()).build();

        assertRejected("bad signature", forge.tampered(ticket, promoted), tokens::admit);
    }

    @Test
    void aTokenSignedWithAnotherKeyFailsTheSignature() {
        assertRejected("bad signature", forge.signedWithAnotherKey(forge.signInClaims(DOCTOR).build()), tokens::verifySignIn);
        assertRejected("bad signature", forge.signedWithAnotherKey(forge.ticketClaims(DOCTOR).build()), tokens::admit);
    }

    @Test
    void anotherServersKeyFileMakesTokensThisServerRefuses(@TempDir Path otherDataDir) {
        Tokens other = new Tokens(SigningKey.development(otherDataDir), clock, Tokens.DEFAULT_SIGN_IN_LIFETIME, Tokens.DEFAULT_TICKET_LIFETIME);

        assertRejected("bad signature", other.signIn(DOCTOR).token(), tokens::verifySignIn);
    }

    // Our signature, wrong claims ------------------------------------------------------------------

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        assertRejected("wrong issuer", forge.signed(forge.ticketClaims(NURSE).issuer("evil-corp").build()), tokens::admit);
        assertRejected("wrong issuer", forge.signed(forge.signInClaims(NURSE).issuer(null).build()), tokens::verifySignIn);
    }

    @Test
    void eachKindOfTokenIsRefusedWhereTheOtherKindBelongs() {
        String signInToken = tokens.signIn(DOCTOR).token();
        String ticket = tokens.ticket(DOCTOR, START.plus(Tokens.DEFAULT_SIGN_IN_LIFETIME));

        assertRejected("wrong audience", signInToken, tokens::admit);
        assertRejected("wrong audience", ticket, tokens::verifySignIn);
    }

    @Test
    void aTokenForAnotherAudienceOrForSeveralIsRefused() {
        assertRejected("wrong audience", forge.signed(forge.ticketClaims(NURSE).audience("some-other-api").build()), tokens::admit);
        assertRejected("wrong audience", forge.signed(forge.signInClaims(NURSE)
                .audience(List.of(Tokens.API_AUDIENCE, Tokens.WEBSOCKET_AUDIENCE)).build()), tokens::verifySignIn);
        assertRejected("wrong audience", forge.signed(forge.signInClaims(NURSE).audience((String) null).build()), tokens::verifySignIn);
    }

    @Test
    void aTicketIsGoodWithinTheClockSkewAfterItExpiresAndNoLonger() throws TokenRejected {
        String late = tokens.ticket(NURSE, START.plus(Tokens.DEFAULT_SIGN_IN_LIFETIME));
        String tooLate = tokens.ticket(NURSE, START.plus(Tokens.DEFAULT_SIGN_IN_LIFETIME));

        clock.advance(Tokens.DEFAULT_TICKET_LIFETIME.plus(Tokens.MAX_CLOCK_SKEW).minus(ONE_SECOND));
        assertThat(tokens.admit(late).access()).isEqualTo(NURSE);

        clock.advance(ONE_SECOND);
        assertRejected("expired", tooLate, tokens::admit);
    }

    @Test
    void aSignInTokenPastItsLifetimeAndTheSkewIsRefused() {
        String token = tokens.signIn(NURSE).token();
        clock.advance(Tokens.DEFAULT_SIGN_IN_LIFETIME.plus(Tokens.MAX_CLOCK_SKEW));

        assertRejected("expired", token, tokens::verifySignIn);
    }

    @Test
    void aTicketNeverOutlivesTheSessionItWasMadeFrom() {
        Duration sessionLeft = Duration.ofSeconds(10);
        String ticket = tokens.ticket(NURSE, START.plus(sessionLeft));
        clock.advance(sessionLeft.plus(Tokens.MAX_CLOCK_SKEW));

        assertRejected("expired", ticket, tokens::admit);
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        Instant later = START.plus(Tokens.MAX_CLOCK_SKEW).plus(ONE_SECOND);

        assertRejected("issued in the future", forge.signed(forge.signInClaims(NURSE).issueTime(java.util.Date.from(later)).build()),
                tokens::verifySignIn);
    }

    @ParameterizedTest(name = "a ticket without {0} is refused")
    @ValueSource(strings = {"sub", "role", "wards", "jti", "exp", "iat", "session_exp"})
    void aTicketWithoutARequiredClaimIsRefused(String claim) {
        assertRejected("missing claim: " + claim, forge.signed(forge.ticketClaims(NURSE).claim(claim, null).build()), tokens::admit);
    }

    @ParameterizedTest(name = "a sign-in token without {0} is refused")
    @ValueSource(strings = {"sub", "role", "wards", "jti", "exp", "iat"})
    void aSignInTokenWithoutARequiredClaimIsRefused(String claim) {
        assertRejected("missing claim: " + claim, forge.signed(forge.signInClaims(NURSE).claim(claim, null).build()), tokens::verifySignIn);
    }

    @Test
    void claimsOfTheWrongShapeAreRefused() {
        assertRejected("unknown role", forge.signed(forge.signInClaims(NURSE).claim(Tokens.ROLE_CLAIM, "superuser").build()),
                tokens::verifySignIn);
        assertRejected("malformed claim: wards", forge.signed(forge.signInClaims(NURSE).claim(Tokens.WARDS_CLAIM, "icu").build()),
                tokens::verifySignIn);
        assertRejected("missing claim: sub", forge.signed(forge.signInClaims(NURSE).subject(" ").build()), tokens::verifySignIn);
        assertRejected("malformed claim: session_exp", forge.signed(forge.ticketClaims(NURSE)
                .claim(Tokens.SESSION_EXPIRY_CLAIM, "tomorrow").build()), tokens::admit);
    }

    // Single use ---------------------------------------------------------------------------------

    @Test
    void aTicketOpensOneWebSocketAndNoMore() throws TokenRejected {
        String ticket = tokens.ticket(NURSE, START.plus(Tokens.DEFAULT_SIGN_IN_LIFETIME));
        tokens.admit(ticket);

        assertRejected("ticket already used", ticket, tokens::admit);
    }

    @Test
    void aSpentTicketIsRememberedForAsLongAsItWouldBeAccepted() throws TokenRejected {
        String ticket = tokens.ticket(NURSE, START.plus(Tokens.DEFAULT_SIGN_IN_LIFETIME));
        tokens.admit(ticket);
        clock.advance(Tokens.DEFAULT_TICKET_LIFETIME.plus(Tokens.MAX_CLOCK_SKEW).minus(ONE_SECOND));

        assertRejected("ticket already used", ticket, tokens::admit);
    }

    @Test
    void aTicketRefusedForAnotherReasonIsNotSpent() throws TokenRejected {
        JWTClaimsSet claims = forge.ticketClaims(NURSE).build();
        assertRejected("wrong issuer", forge.signed(new JWTClaimsSet.Builder(claims).issuer("evil-corp").build()), tokens::admit);

        assertThat(tokens.admit(forge.signed(claims)).access()).as("the same jti, now in a good ticket").isEqualTo(NURSE);
    }

    @Test
    void whenTheMemoryOfSpentTicketsIsFullTicketsAreRefusedUntilSomeExpire() throws TokenRejected {
        Tokens small = new Tokens(key, clock, Tokens.DEFAULT_SIGN_IN_LIFETIME, Tokens.DEFAULT_TICKET_LIFETIME, SMALL_CAPACITY);
        Instant sessionEnd = START.plus(Tokens.DEFAULT_SIGN_IN_LIFETIME);
        for (int i = 0; i < SMALL_CAPACITY; i++) {
            small.admit(small.ticket(NURSE, sessionEnd));
        }

        assertRejected("too many tickets in flight", small.ticket(NURSE, sessionEnd), small::admit);
        assertThat(small.ticketsInFlight()).isEqualTo(SMALL_CAPACITY);

        clock.advance(Tokens.DEFAULT_TICKET_LIFETIME.plus(Tokens.MAX_CLOCK_SKEW));
        small.admit(small.ticket(NURSE, sessionEnd));
        assertThat(small.ticketsInFlight()).as("the expired ones forgotten, the new one remembered").isEqualTo(1);
    }

    @Test
    void ofManyThreadsAdmittingTheSameTicketExactlyOneGetsIn() throws Exception {
        int threads = 8;
        String ticket = tokens.ticket(NURSE, START.plus(Tokens.DEFAULT_SIGN_IN_LIFETIME));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit((Callable<Boolean>) () -> {
                    start.await();
                    try {
                        tokens.admit(ticket);
                        return true;
                    } catch (TokenRejected rejected) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Boolean> outcome : outcomes) {
                admitted += outcome.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLifetimeThatIsNoWholeNumberOfSecondsIsRefused() {
        assertThatThrownBy(() -> new Tokens(key, clock, Duration.ofMillis(1500), Tokens.DEFAULT_TICKET_LIFETIME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signInLifetime");
        assertThatThrownBy(() -> new Tokens(key, clock, Tokens.DEFAULT_SIGN_IN_LIFETIME, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ticketLifetime");
    }

    // ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Check {
        Object check(String token) throws TokenRejected;
    }

    /**
     * Asserts that {@code check} refuses {@code token} for {@code reason}, and that the reason, which
     * goes into logs, holds neither the token nor any sizeable piece of it.
     */
    private static TokenRejected assertRejected(String reason, String token, Check check) {
        TokenRejected rejected = catchThrowableOfType(TokenRejected.class, () -> check.check(token));
        assertThat(rejected).as("refused: %s", reason).isNotNull();
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.getMessage()).isEqualTo(reason);
        assertThat(rejected.getCause()).isNull();
        if (!token.isEmpty()) {
            assertThat(rejected.getMessage()).doesNotContain(token);
        }
        Arrays.stream(token.split("\\.")).filter(part -> part.length() >= TOKEN_PIECE)
                .forEach(part -> assertThat(rejected.getMessage()).doesNotContain(part.substring(0, TOKEN_PIECE)));
        return rejected;
    }
}
