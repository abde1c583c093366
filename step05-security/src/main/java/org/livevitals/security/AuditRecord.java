package org.livevitals.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import org.livevitals.rawsockets.WireText;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

/**
 * One line of the audit file: an {@link AuditEvent}, numbered, timed, and chained to the line before
 * it by hashes, so that editing, removing or reordering a line breaks the chain where it was done.
 *
 * <pre>
 * {"n":1,"time":"2025-03-01T09:15:02.120Z","user":"alice","role":"doctor","address":"10.0.0.7","action":"sign-in","patient":null,"outcome":"ok","prev":"0000...0000","hash":"9f2c...e1"}
 * </pre>
 *
 * <p><b>The hash.</b> {@code hash} is the SHA-256 of the record's <em>canonical form</em>, written in
 * lower-case hex. The canonical form is the record's JSON line without its {@code hash} field: one JSON
 * object, no spaces, the fields in this order — {@code n} (a number), {@code time} (ISO-8601 in UTC with
 * exactly three decimals of seconds and a {@code Z}), {@code user}, {@code role}, {@code address},
 * {@code action}, {@code patient}, {@code outcome} (each a string or {@code null}), {@code prev} —
 * encoded in UTF-8, with no line end. So a line of the file is its canonical form with
 * {@code ,"hash":"<64 hex digits>"} inserted before the closing brace, and anyone can check one by hand:
 *
 * <pre>
 * sed -n 7p audit.jsonl | sed 's/,"hash":"[0-9a-f]*"}$/}/' | tr -d '\n' | sha256sum
 * </pre>
 *
 * <p>{@code prev} is the previous record's {@code hash} ({@link #NO_PREVIOUS}, 64 zeros, for the first
 * record). Because {@code prev} is inside what is hashed, each hash vouches for the whole chain before it.
 *
 * @param n       the record's number: 1, 2, 3, ... with no gap
 * @param time    when it was recorded, to the millisecond
 * @param prev    the previous record's hash
 * @param hash    the SHA-256 of this record's canonical form, as written; {@link #hashMatches()} checks it
 */
public record AuditRecord(long n, Instant time, String user, String role, String address, String action,
        String patient, String outcome, String prev, String hash) {

    /** What the first record's {@code prev} is: there is no record before it. */
    public static final String NO_PREVIOUS = "0".repeat(64);
    /**
     * The longest line a reader accepts. A record's line is far shorter (every value in it is
     * bounded, see {@link AuditEvent#MAX_FIELD_CHARS}); the limit keeps a reader's memory bounded
     * when a file holds something else.
     */
    public static final int MAX_LINE_CHARS = 64 * 1024;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern HEX_SHA_256 = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

    /** Reads a line as strictly as it was written: each field once, none unknown, text where text belongs. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)   // two outcomes: which one was hashed?
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    /** A line as written; boxed, so that a missing number is null rather than a silent 0. */
    private record Line(Long n, String time, String user, String role, String address, String action,
            String patient, String outcome, String prev, String hash) {}

    public AuditRecord {
        if (n < 1) {
            throw new IllegalArgumentException("n is " + n + ": records are numbered from 1");
        }
        time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
        requireHex("prev", prev);
        requireHex("hash", hash);
    }

    /** The record that follows {@code prev} (a hash, or {@link #NO_PREVIOUS}) as number {@code n}, with its hash computed. */
    public static AuditRecord chained(long n, Instant time, AuditEvent event, String prev) {
        AuditRecord unhashed = new AuditRecord(n, time, event.user(), event.role(), event.address(), event.action(),
                event.patient(), event.outcome(), prev, NO_PREVIOUS);
        return unhashed.withHash(unhashed.computedHash());
    }

    /** The hash this record's content has: equal to {@link #hash()} unless someone changed the line. */
    public String computedHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalForm().getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether the written hash is the hash of the content: false for a record edited after it was written. */
    public boolean hashMatches() {
        return hash.equals(computedHash());
    }

    /** The line without its {@code hash} field: what the hash is computed over (see the class comment). */
    public String canonicalForm() {
        return JSON.writeValueAsString(content());
    }

    /** The line for the file: the canonical form with {@code hash} last, and no line end. */
    public String toJsonLine() {
        return JSON.writeValueAsString(content().put("hash", hash));
    }

    /**
     * Reads a line that {@link #toJsonLine()} wrote. Its hash is not checked here: a record that was
     * edited still reads, so that {@link AuditVerifier} can say it was edited.
     *
     * @throws IllegalArgumentException when the line is not an audit record, saying why
     */
    public static AuditRecord parse(String line) {
        Line read;
        try {
            read = JSON.readValue(line, Line.class);
        } catch (JacksonException e) {
            // Jackson quotes the text it could not read: escaped, so a crafted line cannot write to a terminal.
            throw new IllegalArgumentException("not a JSON object of an audit record's fields ("
                    + WireText.escaped(e.getOriginalMessage()) + ")");
        }
        if (read == null || read.n() == null || read.time() == null || read.prev() == null || read.hash() == null) {
            throw new IllegalArgumentException("n, time, prev or hash is missing");
        }
        Instant time;
        try {
            time = Instant.parse(read.time());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time is not an ISO-8601 instant");
        }
        return new AuditRecord(read.n(), time, read.user(), read.role(), read.address(), read.action(),
                read.patient(), read.outcome(), read.prev(), read.hash());
    }

    private AuditRecord withHash(String newHash) {
        return new AuditRecord(n, time, user, role, address, action, patient, outcome, prev, newHash);
    }

    /** The fields of the canonical form, in its order. */
    private ObjectNode content() {
        ObjectNode json = JSON.createObjectNode();
        json.put("n", n);
        json.put("time", TIME.format(time));
        json.put("user", user);
        json.put("role", role);
        json.put("address", address);
        json.put("action", action);
        json.put("patient", patient);
        json.put("outcome", outcome);
        json.put("prev", prev);
        return json;
    }

    private static void requireHex(String field, String value) {
        if (value == null || !HEX_SHA_256.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " is not 64 lower-case hex digits");
        }
    }
}
