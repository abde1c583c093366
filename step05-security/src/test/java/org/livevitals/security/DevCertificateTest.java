package org.livevitals.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.CertPathBuilderException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.echo.EchoEndpoint;
import org.livevitals.echo.WebSocketServer;
import org.livevitals.testkit.WebSocketRecorder;

/**
 * The development certificate: made once by keytool, reused, good for {@code localhost} and {@code 127.0.0.1},
 * and served by Lab 2's {@link WebSocketServer} over {@code https://} and {@code wss://} to clients that trust
 * exactly it, while a client with the JDK's default trust is refused.
 */
class DevCertificateTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String ECHO_PATH = "/echo";
    private static final WebSocketServer.Limits LIMITS =
            new WebSocketServer.Limits(Duration.ofSeconds(30), 64 * 1024, 64);

    @TempDir
    static Path dataDir;

    /** The first {@code ensure} of a fresh data directory. */
    private static DevCertificate first;
    private static WebSocketServer server;

    private final List<WebSocketClient> clients = new ArrayList<>();

    @BeforeAll
    static void makeTheCertificateAndServeIt() throws Exception {
        first = DevCertificate.ensure(dataDir);
        server = WebSocketServer.on(0)
                .webSocket(ECHO_PATH, LIMITS, (request, response, callback) -> new EchoEndpoint((who, code, reason) -> { }))
                .route("/", new SaysWhetherSecure())
                .tls(0, first.keyStore(), first.password())
                .build()
                .start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void stopClients() throws Exception {
        for (WebSocketClient client : clients) {
            client.stop();
        }
    }

    /** Answers {@code secure=true} when the request came over TLS (Jetty's {@code SecureRequestCustomizer}). */
    private static final class SaysWhetherSecure extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            Content.Sink.write(response, true, "secure=" + request.isSecure(), callback);
            return true;
        }
    }

    @Test
    void firstEnsureMakesTheKeyStoreAndTheNextReusesIt() throws Exception {
        Path file = dataDir.resolve(DevCertificate.FILE_NAME);
        assertThat(first.created()).as("created() of the first ensure in an empty directory").isTrue();
        assertThat(first.keyStore()).isEqualTo(file);
        assertThat(file).isRegularFile();
        assertThat(dataDir).isDirectoryNotContaining("glob:**.tmp");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .as("the private key's file is the owner's only")
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }

        DevCertificate again = DevCertificate.ensure(dataDir);

        assertThat(again.created()).as("created() of the second ensure").isFalse();
        assertThat(again.keyStore()).isEqualTo(file);
        assertThat(again.fingerprint()).as("the second ensure's certificate").isEqualTo(first.fingerprint());
        assertThat(again.password()).isEqualTo(DevCertificate.DEV_PASSWORD);
    }

    @Test
    void certificateNamesLocalhostAndTheLoopbackAddressWithAnEcP256Key() throws Exception {
        X509Certificate certificate = first.certificate();

        // Each name is a [type, value] pair: 2 is a DNS name, 7 an IP address (RFC 5280, GeneralName).
        assertThat(certificate.getSubjectAlternativeNames())
                .as("subject alternative names")
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1"); // serverAuth
        certificate.checkValidity();
        long days = Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()).toDays();
        assertThat(days).isEqualTo(DevCertificate.VALIDITY_DAYS);
        assertThat(first.trustStore().getCertificate(DevCertificate.ALIAS)).isEqualTo(certificate);
        assertThat(first.trustStore().size()).as("entries in the trust store").isEqualTo(1);
    }

    @Test
    void webSocketOverTlsEchoesToAClientTrustingTheCertificate() throws Exception {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setTrustStore(first.trustStore());
        WebSocketClient client = startClient(tls);
        assertThat(tls.getEndpointIdentificationAlgorithm())
                .as("the client checks the host name against the certificate")
                .isEqualTo("HTTPS");

        for (URI uri : List.of(server.secureWebSocketUri(), loopbackAddress(server.secureWebSocketUri()))) {
            WebSocketRecorder recorder = new WebSocketRecorder("client of " + uri);
            client.connect(recorder, uri).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            recorder.assertOpen();

            recorder.session().sendText("Patient P001: pulse 82 over " + uri.getScheme(), org.eclipse.jetty.websocket.api.Callback.NOOP);

            recorder.assertTextMessage("Patient P001: pulse 82 over wss");
            recorder.session().close();
        }
    }

    @Test
    void webSocketClientWithDefaultTrustIsRefusedForAnUnknownIssuer() throws Exception {
        WebSocketClient client = startClient(new SslContextFactory.Client());
        WebSocketRecorder recorder = new WebSocketRecorder("client with the JDK's default trust");

        Throwable failure = catchThrowableOfType(ExecutionException.class,
                () -> client.connect(recorder, server.secureWebSocketUri()).get(PATIENCE.toSeconds(), TimeUnit.SECONDS));

        assertThat(failure).as("a wss:// connect trusting only the JDK's cacerts").isNotNull();
        assertThat(failure).hasCauseInstanceOf(SSLHandshakeException.class);
        assertThat(failure).hasRootCauseInstanceOf(CertPathBuilderException.class);
        assertThat(failure.getCause()).hasMessageContaining("PKIX path building failed");
    }

    @Test
    void httpsAnswersTheJdkHttpClientTrustingTheCertificate() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .sslContext(first.trustingOnly())
                .connectTimeout(PATIENCE)
                .build();

        for (URI uri : List.of(server.httpsUri(), loopbackAddress(server.httpsUri()))) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(PATIENCE).GET().build(),
                    HttpResponse.BodyHandlers.ofString(UTF_8));

            assertThat(response.statusCode()).as("status of GET %s", uri).isEqualTo(200);
            assertThat(response.body()).as("body of GET %s", uri).isEqualTo("secure=true");
            assertThat(response.sslSession()).as("TLS session of GET %s", uri).isPresent();
        }
    }

    @Test
    void httpsRefusesTheJdkHttpClientWithDefaultTrust() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .sslContext(SSLContext.getDefault())
                .connectTimeout(PATIENCE)
                .build();

        Throwable failure = catchThrowable(() -> http.send(
                HttpRequest.newBuilder(server.httpsUri()).timeout(PATIENCE).GET().build(),
                HttpResponse.BodyHandlers.ofString(UTF_8)));

        assertThat(failure).as("GET %s trusting only the JDK's cacerts", server.httpsUri())
                .isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertPathBuilderException.class);
    }

    @Test
    void configuredKeyStoreIsCheckedAndItsPasswordNeverShown() throws Exception {
        DevCertificate configured = DevCertificate.of(first.keyStore(), DevCertificate.DEV_PASSWORD);
        assertThat(configured.created()).isFalse();
        assertThat(configured.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(configured.toString()).contains(first.keyStore().toString()).doesNotContain(DevCertificate.DEV_PASSWORD);

        String wrongPassword = "not-the-password-3141";
        IOException wrong = catchThrowableOfType(IOException.class, () -> DevCertificate.of(first.keyStore(), wrongPassword));
        assertThat(wrong).as("opening with a wrong password").isNotNull();
        assertThat(wrong.getMessage()).contains(first.keyStore().toString(), "password").doesNotContain(wrongPassword);

        Path missing = dataDir.resolve("missing.p12");
        IOException absent = catchThrowableOfType(IOException.class, () -> DevCertificate.of(missing, wrongPassword));
        assertThat(absent).as("opening a file that is not there").isNotNull();
        assertThat(absent.getMessage()).contains(missing.toString(), "no such file").doesNotContain(wrongPassword);

        Path notAKeyStore = Files.writeString(dataDir.resolve("notes.p12"), "not a key store\n");
        IOException garbage = catchThrowableOfType(IOException.class, () -> DevCertificate.of(notAKeyStore, wrongPassword));
        assertThat(garbage).as("opening a text file").isNotNull();
        assertThat(garbage.getMessage()).contains(notAKeyStore.toString(), "PKCS#12").doesNotContain(wrongPassword);
    }

    @Test
    void damagedDevelopmentKeyStoreIsNotSilentlyReplaced(@TempDir Path otherDataDir) throws Exception {
        Files.writeString(otherDataDir.resolve(DevCertificate.FILE_NAME), "half a key store");

        IOException damaged = catchThrowableOfType(IOException.class, () -> DevCertificate.ensure(otherDataDir));

        assertThat(damaged).as("ensure with a damaged %s", DevCertificate.FILE_NAME).isNotNull();
        assertThat(damaged.getMessage()).contains(DevCertificate.FILE_NAME, "delete it");
    }

    @Test
    void keytoolFailureSaysWhatKeytoolPrinted(@TempDir Path otherDataDir) {
        IOException failed = catchThrowableOfType(IOException.class, () -> DevCertificate.runKeytool(
                DevCertificate.keytool(),
                List.of("-genkeypair", "-alias", "x", "-keyalg", "NO-SUCH-ALGORITHM", "-dname", "CN=localhost",
                        "-storetype", "PKCS12", "-keystore", otherDataDir.resolve("x.p12").toString(),
                        "-storepass:env", "LIVE_VITALS_TLS_PASSWORD", "-noprompt"),
                "secret-for-this-test", DevCertificate.KEYTOOL_TIMEOUT));

        assertThat(failed).as("keytool asked for an algorithm that does not exist").isNotNull();
        assertThat(failed.getMessage())
                .contains("exit code", "NO-SUCH-ALGORITHM", "keytool error")
                .doesNotContain("secret-for-this-test");

        IOException missing = catchThrowableOfType(IOException.class, () -> DevCertificate.runKeytool(
                otherDataDir.resolve("no-keytool-here"), List.of("-help"), "x", DevCertificate.KEYTOOL_TIMEOUT));
        assertThat(missing).as("running a keytool that is not there").isNotNull();
        assertThat(missing.getMessage()).contains("cannot run", "no-keytool-here");
    }

    private WebSocketClient startClient(SslContextFactory.Client tls) throws Exception {
        HttpClient http = new HttpClient();
        http.setSslContextFactory(tls);
        WebSocketClient client = new WebSocketClient(http);
        clients.add(client);
        client.start();
        return client;
    }

    /** The same URI with {@code 127.0.0.1} for {@code localhost}: the certificate's IP address name. */
    private static URI loopbackAddress(URI uri) {
        return URI.create(uri.toString().replace("//localhost:", "//127.0.0.1:"));
    }
}
