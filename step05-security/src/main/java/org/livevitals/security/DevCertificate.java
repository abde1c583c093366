package org.livevitals.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server's TLS certificate and private key, in a PKCS#12 key store: the development one, made on
 * first run, or one a deployment configures.
 *
 * <p><b>The development certificate.</b> {@link #ensure(Path)} makes {@code <data-dir>/dev-tls.p12} the first
 * time the server starts and reuses it afterwards, so a browser or {@code curl} told to trust it once keeps
 * trusting it. It is made by the JDK's own {@code keytool} (the one in {@code java.home}, so no extra library
 * and no {@code openssl}):
 *
 * <pre>
 * keytool -genkeypair -alias live-vitals-dev -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA
 *         -dname CN=localhost -ext SAN=dns:localhost,ip:127.0.0.1 -ext EKU=serverAuth -validity 825
 *         -storetype PKCS12 -keystore dev-tls.p12 -storepass:env ...
 * </pre>
 *
 * <p>It is self-signed: no browser, {@code curl} or JVM trusts it until told to ({@link #trustStore()},
 * {@link #trustingOnly()}; {@code keytool -exportcert -rfc} gives the PEM file {@code curl --cacert} wants).
 * It names {@code localhost} and {@code 127.0.0.1} only, so it serves a development machine and nothing else.
 *
 * <p><b>Why its password can be a constant in the source.</b> {@link #DEV_PASSWORD} is public, so the
 * password protects nothing: whoever can read the file can use the key. That is acceptable here because the
 * certificate is only ever trusted by the developer who made it, on their own machine, for a host name
 * ({@code localhost}) no one else can serve to them; the key is worth no more than the file's permissions
 * (owner only, where the file system has them). A real deployment does not use it: it passes its own key
 * store, issued for its real host name by a CA the clients already trust, with {@code --tls-keystore FILE}
 * and the password in a file, {@code --tls-password-file FILE}, never on the command line, where
 * {@code ps} and shell history would show it. That store is opened with {@link #of(Path, String)}.
 *
 * <p>The password is never logged and never part of an exception message or of {@link #toString()}.
 */
public final class DevCertificate {

    /** The development key store's file name inside the data directory. */
    public static final String FILE_NAME = "dev-tls.p12";

    /**
     * The development key store's password: public on purpose, see the class comment. A configured key
     * store has its own password, read from a file.
     */
    public static final String DEV_PASSWORD = "live-vitals-dev";

    /** The alias of the development key pair in its key store. */
    public static final String ALIAS = "live-vitals-dev";

    /** The development certificate's subject. */
    public static final String DISTINGUISHED_NAME = "CN=localhost";

    /** The names the development certificate is good for: a browser checks the URL's host against these. */
    public static final String SUBJECT_ALTERNATIVE_NAMES = "dns:localhost,ip:127.0.0.1";

    /**
     * How long the development certificate is valid: 825 days, the longest a TLS server certificate may
     * have for Apple's platforms to accept it. After that, delete the file and start again.
     */
    public static final int VALIDITY_DAYS = 825;

    /** How long keytool may take (it starts a JVM: about a second) before it is given up on. */
    static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

    /** The environment variable that hands keytool the password, so it is not in its command line. */
    private static final String PASSWORD_VARIABLE = "LIVE_VITALS_TLS_PASSWORD";

    private final Path keyStore;
    private final String password;
    private final boolean created;
    private final X509Certificate certificate;

    private DevCertificate(Path keyStore, String password, boolean created, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.password = password;
        this.created = created;
        this.certificate = certificate;
    }

    /**
     * The development certificate of {@code dataDir}: {@code <dataDir>/dev-tls.p12}, made now (with keytool,
     * see the class comment) if the file is not there yet, reused if it is. The directory is created if
     * needed.
     *
     * @throws IOException when keytool fails (its output is in the message), or the existing file is not a
     *                     key store the development password opens (delete it and a new one is made)
     */
    public static DevCertificate ensure(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            try {
                return open(file, DEV_PASSWORD, false);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + "; it is the development certificate: delete it and "
                        + "the next start makes a new one", e);
            }
        }
        Files.createDirectories(dataDir);
        // keytool writes to a name of its own, moved into place only when complete: a keytool that dies
        // half way leaves no broken key store for the next start to "reuse".
        Path partial = dataDir.resolve(FILE_NAME + "." + UUID.randomUUID() + ".tmp");
        try {
            runKeytool(keytool(), List.of(
                    "-genkeypair",
                    "-alias", ALIAS,
                    "-keyalg", "EC",
                    "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA",
                    "-dname", DISTINGUISHED_NAME,
                    "-ext", "SAN=" + SUBJECT_ALTERNATIVE_NAMES,
                    "-ext", "EKU=serverAuth",
                    "-validity", String.valueOf(VALIDITY_DAYS),
                    "-storetype", "PKCS12",
                    "-keystore", partial.toString(),
                    "-storepass:env", PASSWORD_VARIABLE,
                    "-noprompt"),
                    DEV_PASSWORD, KEYTOOL_TIMEOUT);
            ownerOnly(partial);
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // Another process made it in the meantime: theirs is as good as ours.
                return open(file, DEV_PASSWORD, false);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        return open(file, DEV_PASSWORD, true);
    }

    /**
     * A configured key store ({@code --tls-keystore}, {@code --tls-password-file}): checked now, so a wrong
     * path or password stops the server at start with a clear message rather than failing each handshake.
     *
     * @throws IOException when the file is missing or unreadable, is not PKCS#12, the password does not open
     *                     it, or it holds no private key with a certificate; the message names the file and
     *                     never the password
     */
    public static DevCertificate of(Path keyStore, String password) throws IOException {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
        return open(keyStore, password, false);
    }

    /** The PKCS#12 file, for {@code WebSocketServer.Builder.tls(port, keyStore, password)}. */
    public Path keyStore() {
        return keyStore;
    }

    /** The key store's password: hand it to Jetty, never to a log. */
    public String password() {
        return password;
    }

    /** True when this call made the file, so the server can say where: "created a development certificate at ...". */
    public boolean created() {
        return created;
    }

    /** The server's certificate (the first of its chain). */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * The SHA-256 fingerprint of {@link #certificate()}, as keytool and browsers show it
     * ({@code 3A:F1:...}): what a developer compares before clicking "trust".
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint the certificate of " + keyStore, e);
        }
    }

    /**
     * A trust store holding exactly this certificate and nothing else: a client that uses it trusts this
     * server and no other (not even the public CAs of the JDK's {@code cacerts}). For Jetty's
     * {@code SslContextFactory.Client.setTrustStore(..)}.
     */
    public KeyStore trustStore() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, certificate);
            return trust;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a trust store for " + keyStore, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An {@link SSLContext} for clients that trusts exactly this certificate ({@link #trustStore()}), with
     * the usual checks on: the validity dates, and, in a client that verifies host names (the JDK's
     * {@code HttpClient}, Jetty's), that the URL's host is one the certificate names.
     */
    public SSLContext trustingOnly() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an SSLContext trusting " + keyStore, e);
        }
    }

    /** The file and the certificate's subject and fingerprint; never the password. */
    @Override
    public String toString() {
        return "TLS key store " + keyStore + " (" + certificate.getSubjectX500Principal().getName()
                + ", SHA-256 " + fingerprint() + ")";
    }

    /** The keytool of the JDK running this program. */
    static Path keytool() {
        String executable = System.getProperty("os.name", "").startsWith("Windows") ? "keytool.exe" : "keytool";
        return Path.of(System.getProperty("java.home"), "bin", executable);
    }

    /**
     * Runs keytool with {@code arguments} (a list: no shell, so no quoting and no injection), {@code password}
     * in the environment for {@code -storepass:env}, and waits at most {@code timeout}.
     *
     * @throws IOException when it cannot start, exits with a code other than 0 or takes too long; the message
     *                     holds the command (without the password, which is not on it) and keytool's output
     */
    static void runKeytool(Path keytool, List<String> arguments, String password, Duration timeout) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(keytool.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_VARIABLE, password);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + keytool + " to make the development certificate: " + e.getMessage(), e);
        }
        process.getOutputStream().close(); // no prompt can wait for an answer
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(describe(command) + " did not finish within " + timeout + "; output so far: "
                        + output.getNow("").strip());
            }
            String printed = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS).strip();
            if (process.exitValue() != 0) {
                throw new IOException(describe(command) + " failed with exit code " + process.exitValue()
                        + (printed.isEmpty() ? "" : ": " + printed));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + describe(command) + " was running", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read the output of " + describe(command), e);
        }
    }

    private static String describe(List<String> command) {
        return "keytool (" + String.join(" ", command) + ")";
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    /** rw------- where the file system has POSIX permissions: the key is worth what the file's protection is. */
    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Windows: the file inherits the folder's access list, normally the user's own.
        }
    }

    private static DevCertificate open(Path file, String password, boolean created) throws IOException {
        String what = "TLS key store " + file.toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file, so no TLS key store");
        }
        if (!Files.isReadable(file)) {
            throw new AccessDeniedException(file.toString(), null, "this user cannot read the TLS key store");
        }
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IOException(what + ": the password does not open it (wrong password or a damaged file)", e);
            }
            throw new IOException(what + ": not a PKCS#12 key store (" + e + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IOException(what + ": cannot be read as PKCS#12 (" + e + ")", e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (chain != null && chain.length > 0 && chain[0] instanceof X509Certificate) {
                        return new DevCertificate(file, password, created, (X509Certificate) chain[0]);
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(what + ": cannot list its entries (" + e + ")", e);
        }
        throw new IOException(what + ": holds no private key with a certificate, so it cannot serve TLS");
    }
}
