package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.testkit.ChildJvm;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.WebSocketRecorder;

/**
 * Lab 5: no secret is written down. The server runs as its own program, as a learner would start it,
 * and everything it prints and everything it audits is searched for the passwords, tokens and
 * tickets used against it.
 */
class SecretsTest {

    private static final Pattern READY = Pattern.compile("Dashboard: open http://localhost:(\\d+)/ in a browser");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PATIENCE = SecureFixture.PATIENCE;
    private static final String WRONG_PASSWORD = "Wr0ng-Pa55word-e1c9";

    @TempDir
    Path dataDir;

    private final List<String> secrets = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();

    private HttpResponse<String> post(URI base, String path, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(PATIENCE)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String signIn(URI base, SecureFixture.User user) throws Exception {
        secrets.add(user.password());
        HttpResponse<String> answer = post(base, "/api/login", SecureFixture.credentials(user.name(), user.password()), null);
        assertThat(answer.statusCode()).as("sign-in: %s", answer.body()).isEqualTo(200);
        return remember(SecureFixture.JSON.readTree(answer.body()).path("token").asString());
    }

    private String ticket(URI base, String token) throws Exception {
        HttpResponse<String> answer = post(base, "/api/tickets", "", token);
        assertThat(answer.statusCode()).isEqualTo(200);
        return remember(SecureFixture.JSON.readTree(answer.body()).path("ticket").asString());
    }

    /** A token and, on its own, its signature: either in a log would be a leak. */
    private String remember(String token) {
        secrets.add(token);
        secrets.add(token.substring(token.lastIndexOf('.') + 1));
        return token;
    }

    private static WebSocketRecorder connect(WebSocketClient client, URI base, String ticket, String name) throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder(name);
        URI url = URI.create("ws://" + base.getAuthority() + "/ws?ticket=" + ticket);
        try {
            client.connect(recorder, url).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            recorder.assertOpen();
        } catch (ExecutionException refused) {
            // asserted through the recorder
        }
        return recorder;
    }

    @Test
    @Scenario("L5-22")
    void noPasswordTokenOrTicketAppearsInTheOutputOrTheAuditTrail() throws Exception {
        List<String> output;
        try (ChildJvm server = ChildJvm.start("lab5-server", Main.class, List.of("server", "--port", "0", "--device-port", "0",
                "--tls-port", "-1", "--patients", "2", "--interval-ms", "100", "--data-dir", dataDir.toString()), READY, START_TIMEOUT)) {
            URI base = URI.create("http://localhost:" + server.readyMatch().group(1) + "/");
            WebSocketClient client = new WebSocketClient();
            client.start();
            try {
                String doctor = signIn(base, SecureFixture.DOCTOR);
                String nurse = signIn(base, SecureFixture.ICU_NURSE);
                secrets.add(WRONG_PASSWORD);
                assertThat(post(base, "/api/login", SecureFixture.credentials(SecureFixture.ADMIN.name(), WRONG_PASSWORD), null)
                        .statusCode()).isEqualTo(401);

                String ticket = ticket(base, doctor);
                connect(client, base, ticket, "doctor").nextText();
                connect(client, base, ticket, "replayed").assertFailure(401);
                connect(client, base, doctor, "sign-in token as a ticket").assertFailure(401);
                connect(client, base, ticket(base, nurse), "nurse").nextText();

                HttpRequest patients = HttpRequest.newBuilder(base.resolve("/api/patients")).timeout(PATIENCE)
                        .header("Authorization", "Bearer " + nurse).GET().build();
                assertThat(http.send(patients, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                HttpRequest forged = HttpRequest.newBuilder(base.resolve("/api/patients")).timeout(PATIENCE)
                        .header("Authorization", "Bearer " + nurse + "x").GET().build();
                assertThat(http.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            } finally {
                client.stop();
            }
            output = server.output();
            assertThat(output.size()).as("lines kept of the server's output (all of them, to search)").isLessThan(ChildJvm.KEPT_LINES);
        }
        String printed = String.join("\n", output);
        String audited = Files.readString(dataDir.resolve(SecuritySettings.AUDIT_FILE));
        assertThat(audited).as("the audit trail").contains("sign-in").contains("handshake");
        for (String secret : secrets) {
            assertThat(printed).as("the server's output").doesNotContain(secret);
            assertThat(audited).as("the audit trail").doesNotContain(secret);
        }
    }
}
