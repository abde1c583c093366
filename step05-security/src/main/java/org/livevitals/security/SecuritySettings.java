package org.livevitals.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How Lab 5's security is set up. Every secret has a development default, made on first run in
 * {@code dataDir}, and the server warns at every start that it is using one.
 *
 * @param dataDir         where the audit trail, the development signing key and certificate live
 * @param signingKey      a JWK file with the EC P-256 key that signs tokens; null for the development key
 * @param users           a users file ({@code hash-password} makes its hashes); null for the demo users
 * @param signInLifetime  how long a sign-in token, and so a dashboard session, lasts
 * @param tlsPort         the TLS port for {@code https://} and {@code wss://}; 0 for any free one, -1 for none
 * @param tlsKeyStore     a PKCS#12 key store with the server's certificate; null for the development one
 * @param tlsPassword     that key store's password; null with the development one
 * @param allowedOrigins  pages allowed to open a session besides the server's own (e.g. a load balancer's)
 * @param trustedProxies  proxies (addresses or CIDR ranges) whose {@code X-Forwarded-For} names the client
 *                        ({@link TrustedProxies}); empty, the default, believes no one's
 * @param wards           patients' wards besides the simulated patients' (patient id to ward)
 * @param rateBurst       messages a session may send at once
 * @param ratePerSecond   messages a session may send a second once its burst is spent
 */
public record SecuritySettings(Path dataDir, Path signingKey, Path users, Duration signInLifetime, int tlsPort,
        Path tlsKeyStore, String tlsPassword, Set<String> allowedOrigins, Set<String> trustedProxies, Map<String, String> wards,
        int rateBurst, double ratePerSecond) {

    public static final Path DEFAULT_DATA_DIR = Path.of("live-vitals-data");
    public static final int DEFAULT_TLS_PORT = 8443;
    public static final String AUDIT_FILE = "audit.jsonl";

    public SecuritySettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(signInLifetime, "signInLifetime");
        allowedOrigins = Set.copyOf(allowedOrigins);
        trustedProxies = Set.copyOf(trustedProxies);
        wards = Map.copyOf(wards);
        if (tlsKeyStore != null && tlsPassword == null) {
            throw new IllegalArgumentException("a TLS key store needs its password");
        }
    }

    public static SecuritySettings defaults() {
        return new SecuritySettings(DEFAULT_DATA_DIR, null, null, Tokens.DEFAULT_SIGN_IN_LIFETIME, DEFAULT_TLS_PORT,
                null, null, Set.of(), Set.of(), Map.of(), RateLimit.DEFAULT_BURST, RateLimit.DEFAULT_PER_SECOND);
    }

    /** Development secrets in {@code dataDir}, no TLS: what most tests need. */
    public static SecuritySettings forTests(Path dataDir) {
        return defaults().withDataDir(dataDir).withTlsPort(-1);
    }

    public Path auditFile() {
        return dataDir.resolve(AUDIT_FILE);
    }

    public SecuritySettings withDataDir(Path dir) {
        return new SecuritySettings(dir, signingKey, users, signInLifetime, tlsPort, tlsKeyStore, tlsPassword,
                allowedOrigins, trustedProxies, wards, rateBurst, ratePerSecond);
    }

    /** These settings with the key tokens are signed with: every node of a cluster must have the same. */
    public SecuritySettings withSigningKey(Path key) {
        return new SecuritySettings(dataDir, key, users, signInLifetime, tlsPort, tlsKeyStore, tlsPassword,
                allowedOrigins, trustedProxies, wards, rateBurst, ratePerSecond);
    }

    public SecuritySettings withTlsPort(int port) {
        return new SecuritySettings(dataDir, signingKey, users, signInLifetime, port, tlsKeyStore, tlsPassword,
                allowedOrigins, trustedProxies, wards, rateBurst, ratePerSecond);
    }

    public SecuritySettings withSignInLifetime(Duration lifetime) {
        return new SecuritySettings(dataDir, signingKey, users, lifetime, tlsPort, tlsKeyStore, tlsPassword,
                allowedOrigins, trustedProxies, wards, rateBurst, ratePerSecond);
    }

    /** These settings with {@code more} patients' wards (patient id to ward): the load test puts its 50 patients on wards. */
    public SecuritySettings withWards(Map<String, String> more) {
        return new SecuritySettings(dataDir, signingKey, users, signInLifetime, tlsPort, tlsKeyStore, tlsPassword,
                allowedOrigins, trustedProxies, more, rateBurst, ratePerSecond);
    }

    /** These settings with the proxies whose {@code X-Forwarded-For} is believed ({@link TrustedProxies}): Lab 6's nginx. */
    public SecuritySettings withTrustedProxies(Set<String> proxies) {
        return new SecuritySettings(dataDir, signingKey, users, signInLifetime, tlsPort, tlsKeyStore, tlsPassword,
                allowedOrigins, proxies, wards, rateBurst, ratePerSecond);
    }
}
