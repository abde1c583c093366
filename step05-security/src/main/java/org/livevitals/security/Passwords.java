package org.livevitals.security;

import java.nio.CharBuffer;
import java.util.regex.Pattern;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Password hashes: Argon2id with Spring Security's current defaults (16 MB of memory, two passes, a
 * random salt in every hash). A stolen users file then costs an attacker about 60 ms of a core and 16 MB
 * per guess per user, where a plain SHA-256 would cost nanoseconds. The parameters are written into
 * each hash, so hashes made with other parameters still check.
 */
public final class Passwords {

    /**
     * What an Argon2 hash looks like in PHC string form, e.g.
     * {@code $argon2id$v=19$m=16384,t=2,p=1$<salt>$<hash>}: used to refuse a users file whose "hash" is
     * a plain password or a hash of another kind, which would never match and lock the user out silently.
     */
    public static final Pattern ARGON2_HASH = Pattern.compile(
            "\\$argon2(id|i|d)\\$v=\\d{1,3}\\$m=\\d{1,8},t=\\d{1,4},p=\\d{1,3}\\$[A-Za-z0-9+/]{11,}\\$[A-Za-z0-9+/]{11,}");

    private static final Argon2PasswordEncoder ARGON2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

    private Passwords() {}

    /** A new hash of {@code password}, with a fresh salt: hashing the same password twice gives two hashes. */
    public static String hash(CharSequence password) {
        return ARGON2.encode(password);
    }

    /**
     * A new hash of {@code password}. The library takes a {@code CharSequence}; wrapping the array
     * hands it over without making a {@code String} of it here, and the caller may clear the array after.
     */
    public static String hash(char[] password) {
        return hash(CharBuffer.wrap(password));
    }

    /** Whether {@code password} is the one {@code hash} was made from; false for a malformed hash. */
    public static boolean matches(CharSequence password, String hash) {
        return ARGON2.matches(password, hash);
    }

    /** Whether {@code text} has the form of an Argon2 hash (it says nothing of the password). */
    public static boolean isArgon2Hash(String text) {
        return text != null && ARGON2_HASH.matcher(text).matches();
    }
}
