package org.livevitals.security;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Makes and checks the two kinds of signed token the server hands out (ES256 JWTs, Nimbus JOSE+JWT):
 *
 * <ul>
 *   <li>a <b>sign-in token</b> (audience {@value #API_AUDIENCE}, 15 minutes by default), sent as
 *       {@code Authorization: Bearer} to the HTTP API;</li>
 *   <li>a <b>WebSocket ticket</b> (audience {@value #WEBSOCKET_AUDIENCE}, 30 seconds, one use), put in
 *       the {@code /ws?ticket=} URL because a browser cannot set headers on a WebSocket. A URL ends up in
 *       proxy logs and browser history, so what it carries must be worthless by the time anyone reads
 *       it: seconds to live, spent on first use, and no good for the API.</li>
 * </ul>
 *
 * <p>Every check names what failed in a few words ({@link TokenRejected#reason()}), for the audit
 * trail. The two audiences keep each kind in its place: a ticket is no sign-in token and a sign-in
 * token opens no WebSocket.
 */
public final class Tokens {

    public static final String ISSUER = "live-vitals";
    public static final String API_AUDIENCE = "live-vitals-api";
    public static final String WEBSOCKET_AUDIENCE = "live-vitals-websocket";

    public static final Duration DEFAULT_SIGN_IN_LIFETIME = Duration.ofMinutes(15);
    public static final Duration DEFAULT_TICKET_LIFETIME = Duration.ofSeconds(30);

    /**
     * How far past its {@code exp} a token is still accepted, for servers whose clocks disagree a little
     * (NTP keeps machines within milliseconds; a few seconds covers a clock that has drifted). Small on
     * purpose: a ticket lives 30 seconds, and Nimbus's default of 60 s would let it live three times as
     * long.
     */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(5);

    /**
     * How many spent tickets are remembered at most. A ticket is remembered only until it expires, so
     * this is reached only by more than 100,000 WebSocket connections opened within one ticket lifetime:
     * a flood, refused rather than remembered without a limit.
     */
    public static final int MAX_TICKETS_IN_FLIGHT = 100_000;

    /** Ours are about 500 characters; a longer one is not ours and is refused before it is parsed. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    static final String ROLE_CLAIM = "role";
    static final String WARDS_CLAIM = "wards";
    static final String SESSION_EXPIRY_CLAIM = "session_exp";

    /** A sign-in token and when it expires (the browser renews before then). */
    public record SignedIn(String token, Instant expiresAt) {
        /** Without the token: a record's default text would put it into any log that prints this. */
        @Override
        public String toString() {
            return "SignedIn[token=(hidden), expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * Who a checked token lets in, and until when: for a ticket, the end of the sign-in session it was
     * made from, at which the server closes the WebSocket (1008).
     */
    public record Admission(Access access, Instant sessionEndsAt) {}

    private final SigningKey key;
    private final Clock clock;
    private final Duration signInLifetime;
    private final Duration ticketLifetime;
    private final SpentTickets spentTickets;
    private volatile TicketLedger ledger;

    public Tokens(SigningKey key, Clock clock, Duration signInLifetime, Duration ticketLifetime) {
        this(key, clock, signInLifetime, ticketLifetime, MAX_TICKETS_IN_FLIGHT);
    }

    /** With a smaller memory of spent tickets, so that a test can fill it. */
    Tokens(SigningKey key, Clock clock, Duration signInLifetime, Duration ticketLifetime, int maxTicketsInFlight) {
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signInLifetime = requireWholeSeconds(signInLifetime, "signInLifetime");
        this.ticketLifetime = requireWholeSeconds(ticketLifetime, "ticketLifetime");
        this.spentTickets = new SpentTickets(maxTicketsInFlight);
        this.ledger = spentTickets;
    }

    /**
     * Spends tickets in {@code ledger} from now on instead of this server's memory: Lab 6's nodes share one.
     *
     * @param ledger made from this server's own ledger, which it may fall back on
     */
    public Tokens spendIn(java.util.function.UnaryOperator<TicketLedger> ledger) {
        this.ledger = ledger.apply(spentTickets);
        return this;
    }

    /** How long a ticket lives: what {@code POST /api/tickets} tells the client. */
    public Duration ticketLifetime() {
        return ticketLifetime;
    }

    /** A sign-in token for {@code access}, good for the sign-in lifetime from now. */
    public SignedIn signIn(Access access) {
        Instant now = now();
        Instant expiresAt = now.plus(signInLifetime);
        JWTClaimsSet claims = claims(access, API_AUDIENCE, now, expiresAt).build();
        return new SignedIn(sign(claims), expiresAt);
    }

    /**
     * Checks a sign-in token from an {@code Authorization: Bearer} header.
     *
     * @throws TokenRejected unless it is one of ours, unexpired and meant for the API
     */
    public Access verifySignIn(String token) throws TokenRejected {
        return verifySignInSession(token).access();
    }

    /**
     * Checks a sign-in token as {@link #verifySignIn} does, and tells when it expires: what
     * {@link #ticket} needs so that a WebSocket opened with the ticket ends with the sign-in.
     */
    public Admission verifySignInSession(String token) throws TokenRejected {
        JWTClaimsSet claims = verify(token, API_AUDIENCE);
        return new Admission(accessOf(claims), claims.getExpirationTime().toInstant());
    }

    /**
     * A single-use WebSocket ticket for {@code access}, good for the ticket lifetime (or less: a ticket
     * never outlives the session it was made from).
     *
     * @param sessionEndsAt when the sign-in behind it expires; the WebSocket is closed then
     */
    public String ticket(Access access, Instant sessionEndsAt) {
        Instant now = now();
        Instant sessionEnd = sessionEndsAt.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ticketLifetime);
        if (sessionEnd.isBefore(expiresAt)) {
            expiresAt = sessionEnd;
        }
        JWTClaimsSet claims = claims(access, WEBSOCKET_AUDIENCE, now, expiresAt)
                .claim(SESSION_EXPIRY_CLAIM, sessionEnd.getEpochSecond())
                .build();
        return sign(claims);
    }

    /**
     * Checks a WebSocket ticket and spends it: the same ticket is refused from then on.
     *
     * @throws TokenRejected unless it is one of ours, unexpired, meant for the WebSocket and unused
     *     (or when too many tickets are in flight to remember one more)
     */
    public Admission admit(String ticket) throws TokenRejected {
        JWTClaimsSet claims = verify(ticket, WEBSOCKET_AUDIENCE);
        Date sessionEndsAt;
        try {
            sessionEndsAt = claims.getDateClaim(SESSION_EXPIRY_CLAIM);
        } catch (ParseException e) {
            throw new TokenRejected("malformed claim: " + SESSION_EXPIRY_CLAIM);
        }
        if (sessionEndsAt == null) {
            throw new TokenRejected("missing claim: " + SESSION_EXPIRY_CLAIM);
        }
        Access access = accessOf(claims);
        // Spent last, once everything else holds: a ticket refused for another reason stays unspent.
        // It is remembered for as long as it would be accepted, expiry plus skew, and not a moment less.
        Instant acceptedUntil = claims.getExpirationTime().toInstant().plus(MAX_CLOCK_SKEW);
        ledger.spend(claims.getJWTID(), acceptedUntil, clock.instant());
        return new Admission(access, sessionEndsAt.toInstant());
    }

    /** How many spent tickets are remembered now. */
    int ticketsInFlight() {
        return spentTickets.size();
    }

    // Checking ---------------------------------------------------------------------------------

    /**
     * The checks every token passes, in this order: it parses as a signed JWT, its algorithm is ES256
     * (decided here, never by the token's header), our key's signature holds, and then the claims.
     * Only after the signature holds is anything in the payload believed.
     */
    private JWTClaimsSet verify(String token, String audience) throws TokenRejected {
        // Exercise 1 starts here (scenarios L5-03 L5-04 L5-05 L5-06 L5-07 L5-08)
        SignedJWT jwt = parse(token);
        Algorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.ES256.equals(algorithm)) {
            // HS256 here would be "algorithm confusion": a MAC keyed with our public key, which anyone has.
            throw new TokenRejected("algorithm not allowed: " + knownName(algorithm));
        }
        boolean signed;
        try {
            signed = jwt.verify(key.verifier());
        } catch (JOSEException | RuntimeException e) {
            signed = false;
        }
        if (!signed) {
            throw new TokenRejected("bad signature");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRejected("malformed claims");
        }
        checkClaims(claims, audience);
        return claims;
        // Exercise 1 ends here
    }

    private void checkClaims(JWTClaimsSet claims, String audience) throws TokenRejected {
        if (!ISSUER.equals(claims.getIssuer())) {
            throw new TokenRejected("wrong issuer");
        }
        if (!List.of(audience).equals(claims.getAudience())) {
            throw new TokenRejected("wrong audience");
        }
        Instant now = clock.instant();
        Instant expiresAt = required(claims.getExpirationTime(), "exp").toInstant();
        if (!now.isBefore(expiresAt.plus(MAX_CLOCK_SKEW))) {
            throw new TokenRejected("expired");
        }
        Instant issuedAt = required(claims.getIssueTime(), "iat").toInstant();
        if (issuedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new TokenRejected("issued in the future");
        }
        if (required(claims.getSubject(), "sub").isBlank()) {
            throw new TokenRejected("missing claim: sub");
        }
        required(claims.getJWTID(), "jti");
    }

    /** The sub, role and wards claims as an {@link Access}; refused when missing or not what we write. */
    private static Access accessOf(JWTClaimsSet claims) throws TokenRejected {
        String role;
        List<String> wards;
        try {
            role = claims.getStringClaim(ROLE_CLAIM);
        } catch (ParseException e) {
            throw new TokenRejected("malformed claim: " + ROLE_CLAIM);
        }
        try {
            wards = claims.getStringListClaim(WARDS_CLAIM);
        } catch (ParseException e) {
            throw new TokenRejected("malformed claim: " + WARDS_CLAIM);
        }
        required(role, ROLE_CLAIM);
        required(wards, WARDS_CLAIM);
        if (wards.contains(null)) {
            throw new TokenRejected("malformed claim: " + WARDS_CLAIM);
        }
        Role known = Role.fromWireName(role).orElseThrow(() -> new TokenRejected("unknown role"));
        return new Access(claims.getSubject(), known, Set.copyOf(wards));
    }

    /**
     * A signed JWT, or the reason it is not one. {@code SignedJWT.parse}, not {@code JWTParser.parse}:
     * the latter accepts {@code "alg":"none"} and returns an unsigned {@code PlainJWT}.
     */
    private static SignedJWT parse(String token) throws TokenRejected {
        if (token == null || token.isEmpty()) {
            throw new TokenRejected("no token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenRejected("too long");
        }
        try {
            return SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            // An unsigned JWT ("alg":"none") fails to parse as a signed one; name it for what it is.
            throw new TokenRejected(isUnsigned(token) ? "algorithm not allowed: none" : "not a JWT");
        }
    }

    private static boolean isUnsigned(String token) {
        try {
            return Header.parse(JOSEObject.split(token)[0]) instanceof PlainHeader;
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The name of a refused algorithm, if it is one of the standard names; the header is the sender's
     * text, and a reason that is logged holds only our own words.
     */
    private static String knownName(Algorithm algorithm) {
        boolean standard = algorithm instanceof JWSAlgorithm
                && (JWSAlgorithm.Family.SIGNATURE.contains(algorithm) || JWSAlgorithm.Family.HMAC_SHA.contains(algorithm));
        return standard ? algorithm.getName() : "unknown";
    }

    private static <T> T required(T claim, String name) throws TokenRejected {
        if (claim == null) {
            throw new TokenRejected("missing claim: " + name);
        }
        return claim;
    }

    // Making -----------------------------------------------------------------------------------

    private JWTClaimsSet.Builder claims(Access access, String audience, Instant now, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .subject(access.user())
                .claim(ROLE_CLAIM, access.role().wireName())
                .claim(WARDS_CLAIM, access.wards().stream().sorted().toList())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString());
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(key.header(), claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the key in " + key.file() + ": " + e.getClass().getSimpleName());
        }
        return jwt.serialize();
    }

    /** Now, in whole seconds: a JWT's times are whole seconds, and {@link SignedIn#expiresAt} must say what the token says. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Duration requireWholeSeconds(Duration lifetime, String name) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.toNanosPart() != 0) {
            throw new IllegalArgumentException(name + " must be a positive number of whole seconds, not " + lifetime);
        }
        return lifetime;
    }
}
