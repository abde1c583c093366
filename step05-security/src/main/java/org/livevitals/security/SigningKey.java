package org.livevitals.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Objects;

/**
 * The key that signs every sign-in token and WebSocket ticket: an EC P-256 key pair (ES256), kept as a
 * JWK file. Whoever holds the private part can mint a token for any user and role, so it lives in a
 * file of its own that only the server's account may read, and it is never printed.
 *
 * <p>Production gives the server a key with {@code --signing-key FILE}. Without one, the server makes a
 * development key in its data directory on first run and reuses it after, so tokens survive a restart;
 * {@link #isDevelopment()} lets it warn at every start that such a key is no secret worth the name.
 */
public final class SigningKey {

    /** The development key's file name inside the data directory. */
    public static final String DEVELOPMENT_FILE_NAME = "dev-signing-key.jwk";

    /** A JWK of a P-256 key is about 250 bytes; anything far larger is the wrong file, not a key. */
    private static final long MAX_FILE_SIZE = 64 * 1024;

    private final ECKey key;
    private final Path file;
    private final boolean development;
    private final JWSSigner signer;
    private final JWSVerifier verifier;

    private SigningKey(ECKey key, Path file, boolean development) {
        this.key = key;
        this.file = file;
        this.development = development;
        try {
            this.signer = new ECDSASigner(key);
            this.verifier = new ECDSAVerifier(key.toPublicJWK());
        } catch (JOSEException e) {
            throw new IllegalArgumentException(file + " is not a usable EC P-256 key");
        }
    }

    /**
     * Loads the key in {@code file}: a JWK with {@code "kty":"EC"}, {@code "crv":"P-256"} and its private
     * part {@code d}.
     *
     * @throws IllegalArgumentException when the file is missing or holds anything else; the message names
     *     the file and what is wrong with it, and never the key
     */
    public static SigningKey fromFile(Path file) {
        return new SigningKey(read(file), file, false);
    }

    /**
     * The development key in {@code dataDir}: made on first run (readable by its owner only, where the
     * file system has owners) and read back on every run after.
     */
    public static SigningKey development(Path dataDir) {
        Path file = dataDir.resolve(DEVELOPMENT_FILE_NAME);
        if (!Files.exists(file)) {
            create(file);
        }
        return new SigningKey(read(file), file, true);
    }

    /** Whether this is a generated development key rather than one the operator provided. */
    public boolean isDevelopment() {
        return development;
    }

    /** Where the key is kept. */
    public Path file() {
        return file;
    }

    /** The key ID written into every token's header, so a later key rotation can tell keys apart. */
    public String keyId() {
        return key.getKeyID();
    }

    JWSSigner signer() {
        return signer;
    }

    JWSVerifier verifier() {
        return verifier;
    }

    /** The JWK itself: for the tests that forge tokens with a twisted use of the real key. */
    ECKey jwk() {
        return key;
    }

    /** A header for a token this key signs: ES256, the only algorithm {@link Tokens} accepts. */
    JWSHeader header() {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build();
    }

    private static void create(Path file) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true)
                    .generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            // Created with owner-only permissions in the same step, so there is no moment in which
            // another account could read it; CREATE_NEW semantics, so a second server starting at the
            // same time reads the first one's key instead of overwriting it.
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, key.toJSONString() + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException raced) {
            // another process made it first: use theirs
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key: " + e.getClass().getSimpleName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the development signing key " + file, e);
        }
    }

    private static ECKey read(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw notAKey(file, "it is larger than " + MAX_FILE_SIZE / 1024 + " KB");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("signing key file " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing key file " + file, e);
        }
        // Nimbus's parse errors may quote the input, which here is the private key: only our own
        // words go into the message, and the cause is dropped.
        JWK jwk;
        try {
            jwk = JWK.parse(text);
        } catch (ParseException | RuntimeException e) {
            throw notAKey(file, "it is not a JWK (JSON Web Key)");
        }
        if (!(jwk instanceof ECKey)) {
            throw notAKey(file, "it is a " + jwk.getKeyType() + " key, not EC");
        }
        ECKey ec = (ECKey) jwk;
        if (!Curve.P_256.equals(ec.getCurve())) {
            throw notAKey(file, "its curve is " + ec.getCurve() + ", not P-256");
        }
        if (!ec.isPrivate()) {
            throw notAKey(file, "it holds only the public part (no \"d\"), which cannot sign");
        }
        checkPartsMatch(ec, file);
        return ec;
    }

    /** A private part that does not belong to the public one would sign tokens nobody can verify. */
    private static void checkPartsMatch(ECKey key, Path file) {
        try {
            JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);
            byte[] probe = "live-vitals key check".getBytes(StandardCharsets.US_ASCII);
            Base64URL signature = new ECDSASigner(key).sign(header, probe);
            if (new ECDSAVerifier(key.toPublicJWK()).verify(header, probe, signature)) {
                return;
            }
        } catch (JOSEException | RuntimeException e) {
            // falls through to the refusal
        }
        throw notAKey(file, "its private and public parts do not belong together");
    }

    private static IllegalArgumentException notAKey(Path file, String why) {
        return new IllegalArgumentException("signing key file " + file + " is not an EC P-256 private JWK: " + why);
    }
}
