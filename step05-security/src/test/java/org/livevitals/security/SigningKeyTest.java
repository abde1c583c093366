package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.testkit.SettableClock;

class SigningKeyTest {

    private static final Access DOCTOR = new Access("dr.lee", Role.DOCTOR, Set.of());

    @TempDir
    Path dir;

    @Test
    void theDevelopmentKeyIsMadeOnFirstRunAndTheSameKeyIsUsedAfter() throws Exception {
        Path dataDir = dir.resolve("live-vitals-data");
        SigningKey first = SigningKey.development(dataDir);

        assertThat(first.isDevelopment()).isTrue();
        assertThat(first.file()).isEqualTo(dataDir.resolve(SigningKey.DEVELOPMENT_FILE_NAME)).exists();
        String written = Files.readString(first.file());

        SigningKey second = SigningKey.development(dataDir);

        assertThat(Files.readString(second.file())).as("the file is not rewritten").isEqualTo(written);
        assertThat(second.keyId()).isEqualTo(first.keyId());
        // The proof that matters: a token from before the restart is good after it.
        String token = tokens(first).signIn(DOCTOR).token();
        assertThat(tokens(second).verifySignIn(token)).isEqualTo(DOCTOR);
    }

    @Test
    void theDevelopmentKeyFileIsForItsOwnerOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "this file system has no owners");

        SigningKey key = SigningKey.development(dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.file()))).isEqualTo("rw-------");
    }

    @Test
    void aKeyFileTheOperatorGaveIsNoDevelopmentKey() throws Exception {
        Path file = write("signing.jwk", new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate().toJSONString());

        SigningKey key = SigningKey.fromFile(file);

        assertThat(key.isDevelopment()).isFalse();
        assertThat(key.file()).isEqualTo(file);
        assertThat(tokens(key).verifySignIn(tokens(key).signIn(DOCTOR).token())).isEqualTo(DOCTOR);
    }

    @Test
    void aFileThatIsNoEcP256PrivateKeyIsRefusedByNameWithoutShowingTheKey() throws Exception {
        ECKey p256 = new ECKeyGenerator(Curve.P_256).generate();
        ECKey p384 = new ECKeyGenerator(Curve.P_384).generate();
        ECKey other = new ECKeyGenerator(Curve.P_256).generate();
        ECKey mismatched = new ECKey.Builder(p256.toPublicJWK()).d(other.getD()).build();

        assertRefused("missing.jwk", null, "does not exist");
        assertRefused("empty.jwk", "", "it is not a JWK");
        assertRefused("garbage.jwk", "{\"kty\":\"EC\",\"d\":\"" + p256.getD() + "\"", "it is not a JWK");
        assertRefused("rsa.jwk", new RSAKeyGenerator(2048).generate().toJSONString(), "it is a RSA key, not EC");
        assertRefused("secret.jwk", new OctetSequenceKeyGenerator(256).generate().toJSONString(), "it is a oct key, not EC");
        assertRefused("p384.jwk", p384.toJSONString(), "its curve is P-384, not P-256");
        assertRefused("public.jwk", p256.toPublicJWK().toJSONString(), "it holds only the public part");
        assertRefused("mismatched.jwk", mismatched.toJSONString(), "its private and public parts do not belong together");
        assertRefused("huge.jwk", " ".repeat(100_000), "it is larger than");
    }

    private void assertRefused(String name, String content, String why) throws Exception {
        Path file = content == null ? dir.resolve(name) : write(name, content);
        Throwable refusal = catchThrowable(() -> SigningKey.fromFile(file));

        assertThat(refusal).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(file.toString()).hasMessageContaining(why);
        assertThat(refusal.getCause()).as("no cause that might quote the file").isNull();
        if (content != null && content.startsWith("{")) {
            String material = privateParts(content);
            if (!material.isEmpty()) {
                assertThat(refusal.getMessage()).doesNotContain(material);
            }
        }
    }

    /** The first 16 characters of the "d" (or, for a secret key, "k") of a JWK, if it has one. */
    private static String privateParts(String json) {
        for (String member : new String[] {"\"d\":\"", "\"k\":\""}) {
            int at = json.indexOf(member);
            if (at >= 0) {
                return json.substring(at + member.length(), at + member.length() + 16);
            }
        }
        return "";
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static Tokens tokens(SigningKey key) {
        return new Tokens(key, new SettableClock(Instant.parse("2026-03-02T08:00:00Z")), Tokens.DEFAULT_SIGN_IN_LIFETIME,
                Tokens.DEFAULT_TICKET_LIFETIME);
    }
}
