package org.livevitals.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.livevitals.rawsockets.WireText;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads a users file: a JSON list of {@code {"username", "role", "wards", "passwordHash"}}. Every
 * entry is checked when the server starts, and the first wrong one stops it with a message naming the
 * entry: a mistake found at start-up is better than a nurse who cannot sign in at 3 a.m., or one who
 * sees the wrong ward.
 *
 * <pre>
 * [ {"username": "nurse.kim", "role": "nurse", "wards": ["icu"], "passwordHash": "$argon2id$v=19$..."} ]
 * </pre>
 */
final class UsersFile {

    /** Letters, digits, dot, underscore and dash: a name that is safe in a log line and a JSON answer. */
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1," + Users.MAX_USERNAME_LENGTH + "}");

    static final String FORMAT = "a JSON list of {\"username\", \"role\", \"wards\", \"passwordHash\"}";

    /** A user as configured: who they are once signed in, and the hash their password must match. */
    record ConfiguredUser(Access access, String passwordHash) {
        @Override
        public String toString() {
            return "ConfiguredUser[" + access + ", passwordHash=(hidden)]";
        }
    }

    private record Entry(String username, String role, List<String> wards, String passwordHash) {}

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)   // "password": a typo, or a plain password
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)       // two roles: which one is meant?
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private UsersFile() {}

    /**
     * The users in {@code json}, keyed by user name.
     *
     * @param source what to call the file in a message: its path, or the class-path resource
     * @throws IllegalArgumentException naming {@code source} and the entry that is wrong, and never a
     *     password hash
     */
    static Map<String, ConfiguredUser> parse(String json, String source) {
        List<Entry> entries = read(json, source);
        Map<String, ConfiguredUser> users = new HashMap<>();
        Map<String, Integer> entryOfName = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            int number = i + 1;
            ConfiguredUser user = check(entries.get(i), number, source);
            String name = user.access().user();
            Integer earlier = entryOfName.putIfAbsent(name, number);
            if (earlier != null) {
                throw wrong(source, number, name, "the same username as entry " + earlier);
            }
            users.put(name, user);
        }
        return users;
    }

    private static List<Entry> read(String json, String source) {
        List<Entry> entries;
        try {
            entries = JSON.readValue(json, new TypeReference<List<Entry>>() {});
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("users file " + source + ": unknown field \"" + WireText.printable(e.getPropertyName())
                    + "\" " + where(e) + "; expected " + FORMAT);
        } catch (JacksonException e) {
            // Jackson's own message may quote the file, password hashes included: our words only.
            throw new IllegalArgumentException("users file " + source + " is not " + FORMAT + " " + where(e));
        }
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("users file " + source + " lists no users: nobody could sign in");
        }
        return entries;
    }

    private static ConfiguredUser check(Entry entry, int number, String source) {
        if (entry == null) {
            throw wrong(source, number, null, "not a user: expected {\"username\", \"role\", \"wards\", \"passwordHash\"}");
        }
        String name = entry.username();
        if (name == null || !USERNAME.matcher(name).matches()) {
            throw wrong(source, number, null, "username "
                    + (name == null ? "missing" : "\"" + WireText.printable(name) + "\" is not")
                    + " 1 to " + Users.MAX_USERNAME_LENGTH + " letters, digits, '.', '_' or '-'");
        }
        Role role = Role.fromWireName(entry.role()).orElseThrow(() -> wrong(source, number, name,
                (entry.role() == null ? "no role" : "unknown role \"" + WireText.printable(entry.role()) + "\"")
                        + ": use doctor, nurse or admin"));
        List<String> wards = entry.wards() == null ? List.of() : entry.wards();
        if (wards.stream().anyMatch(ward -> ward == null || ward.isBlank())) {
            throw wrong(source, number, name, "an empty ward name");
        }
        if (role == Role.NURSE && wards.isEmpty()) {
            throw wrong(source, number, name, "a nurse needs at least one ward in \"wards\"");
        }
        if (role != Role.NURSE && !wards.isEmpty()) {
            // Refused rather than ignored: whoever wrote it may believe it limits this user, and it does not.
            throw wrong(source, number, name, "only a nurse has wards (a doctor sees every ward, an admin none)");
        }
        if (!Passwords.isArgon2Hash(entry.passwordHash())) {
            throw wrong(source, number, name, "passwordHash is " + (entry.passwordHash() == null ? "missing" : "not an Argon2 hash")
                    + " (make one with the hash-password command)");
        }
        Set<String> wardSet = new HashSet<>(wards);
        return new ConfiguredUser(new Access(name, role, wardSet), entry.passwordHash());
    }

    private static IllegalArgumentException wrong(String source, int number, String name, String why) {
        return new IllegalArgumentException("users file " + source + ", entry " + number
                + (name == null ? "" : " (" + name + ")") + ": " + why);
    }

    private static String where(JacksonException e) {
        List<String> where = new ArrayList<>();
        if (!e.getPath().isEmpty() && e.getPath().get(0).getIndex() >= 0) {
            where.add("entry " + (e.getPath().get(0).getIndex() + 1));
        }
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            where.add("line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        return where.isEmpty() ? "" : "(" + String.join(", ", where) + ")";
    }
}
