package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.livevitals.security.SecureFixture.DOCTOR;
import static org.livevitals.security.SecureFixture.ICU_PATIENT;
import static org.livevitals.security.SecureFixture.JSON;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.WebSocketRecorder;
import tools.jackson.databind.JsonNode;

/** Lab 5 over TLS: the same sign-in, ticket and stream on https:// and wss://, with the development certificate. */
class WssTest {

    private static final Duration PATIENCE = SecureFixture.PATIENCE;

    @TempDir
    Path dataDir;

    private static HttpResponse<String> post(java.net.http.HttpClient http, URI url, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(PATIENCE)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static WebSocketClient webSocketClient(SslContextFactory.Client tls) throws Exception {
        HttpClient http = new HttpClient();
        http.setSslContextFactory(tls);
        WebSocketClient client = new WebSocketClient(http);
        client.start();
        return client;
    }

    @Test
    @Scenario("L5-23")
    void signInAndTheStreamWorkOverTlsForAClientThatTrustsTheCertificate() throws Exception {
        try (SecureFixture fixture = new SecureFixture(SecuritySettings.forTests(dataDir).withTlsPort(0), SecureFixture.QUIET)) {
            DevCertificate certificate = DevCertificate.ensure(dataDir);
            URI https = fixture.server.web().httpsUri();
            java.net.http.HttpClient trusting = java.net.http.HttpClient.newBuilder()
                    .sslContext(certificate.trustingOnly()).connectTimeout(PATIENCE).build();

            HttpResponse<String> signIn = post(trusting, https.resolve("/api/login"),
                    SecureFixture.credentials(DOCTOR.name(), DOCTOR.password()), null);
            assertThat(signIn.statusCode()).as("sign-in over https: %s", signIn.body()).isEqualTo(200);
            String token = JSON.readTree(signIn.body()).path("token").asString();
            HttpResponse<String> ticket = post(trusting, https.resolve("/api/tickets"), "", token);
            assertThat(ticket.statusCode()).isEqualTo(200);

            SslContextFactory.Client tls = new SslContextFactory.Client();
            tls.setTrustStore(certificate.trustStore());
            WebSocketClient client = webSocketClient(tls);
            try {
                WebSocketRecorder dashboard = new WebSocketRecorder("wss-dashboard");
                URI wss = URI.create(fixture.server.web().secureWebSocketUri() + "?ticket="
                        + JSON.readTree(ticket.body()).path("ticket").asString());
                client.connect(dashboard, wss).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                dashboard.assertOpen();
                assertThat(JSON.readTree(dashboard.nextText()).path("type").asString()).isEqualTo("snapshot");
                assertThat(JSON.readTree(dashboard.nextText()).path("type").asString()).isEqualTo("alerts");
                fixture.publish(ICU_PATIENT, 77);
                JsonNode reading = JSON.readTree(dashboard.nextText());
                assertThat(reading.path("vitals").path("heartRate").path("value").asInt()).as("the reading over wss").isEqualTo(77);
            } finally {
                client.stop();
            }

            java.net.http.HttpClient defaultTrust = java.net.http.HttpClient.newBuilder().connectTimeout(PATIENCE).build();
            assertThatThrownBy(() -> post(defaultTrust, https.resolve("/api/login"), "{}", null))
                    .as("a client with default trust").isInstanceOf(SSLHandshakeException.class);
        }
    }
}
