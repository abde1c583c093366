package org.livevitals.scaling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.scaling.EmbeddedRedis;
import org.livevitals.scaling.ScalingServer;
import org.livevitals.scaling.ScalingSettings;
import org.livevitals.security.ClinicalSettings;
import org.livevitals.security.SecuritySettings;
import org.livevitals.security.SigningKey;
import org.livevitals.testkit.WebSocketRecorder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nodes on one embedded Redis for the operations scenarios, and the calls an operator or a browser makes
 * to them: sign in, GET a path, open a dashboard. The nodes share a signing key (a token from one is good
 * on all) and keep their own data directories. Closes everything it started.
 */
final class OpsCluster implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(20);
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The demo users (Lab 5's Users.demo()). */
    record User(String name, String password) {}
    static final User DOCTOR = new User("dr.lee", "doctor-demo");
    static final User ICU_NURSE = new User("nurse.kim", "nurse-demo");
    static final User ADMIN = new User("admin.ray", "admin-demo");
    /** On the ICU (Lab 5's Wards.ofSimulatedPatients). */
    static final String ICU_PATIENT = "P001";

    final EmbeddedRedis redis;
    private final Path dataDir;
    private final Path signingKey;
    private final List<ScalingServer> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();
    private final WebSocketClient webSockets = new WebSocketClient();

    OpsCluster(Path dataDir) throws Exception {
        this.dataDir = dataDir;
        this.signingKey = SigningKey.development(dataDir.resolve("shared")).file();
        this.redis = EmbeddedRedis.startOnFreePort();
        webSockets.start();
    }

    /** Starts a node on this cluster's Redis (heartbeats a minute apart: a test reads message by message). */
    ScalingServer node(String id) throws Exception {
        ResumeSettings quiet = ResumeSettings.withHeartbeat(ResumeSettings.DEFAULT_HISTORY_SIZE, Duration.ofMinutes(1));
        ScalingServer node = ScalingServer.newServer(MonitorSettings.forTests(), quiet,
                SecuritySettings.forTests(dataDir.resolve(id)).withSigningKey(signingKey), ClinicalSettings.DEFAULTS,
                ScalingSettings.onRedis(id, redis.uri()), Clock.systemUTC()).start();
        nodes.add(node);
        return node;
    }

    String signIn(ScalingServer node, User user) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(node.httpUri().resolve("/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", user.name(), "password", user.password())))), null);
        assertThat(answer.statusCode()).as("sign-in of %s: %s", user.name(), answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("token").asString();
    }

    HttpResponse<String> get(ScalingServer node, String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(node.httpUri().resolve(path)).GET(), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        request.timeout(PATIENCE);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a dashboard session on {@code node} with a fresh ticket; {@code moreQuery} asks for a resume. */
    WebSocketRecorder dashboard(ScalingServer node, String token, String moreQuery) throws Exception {
        HttpResponse<String> ticket = send(HttpRequest.newBuilder(node.httpUri().resolve("/api/tickets"))
                .POST(HttpRequest.BodyPublishers.noBody()), token);
        assertThat(ticket.statusCode()).as("ticket: %s", ticket.body()).isEqualTo(200);
        WebSocketRecorder recorder = new WebSocketRecorder("dashboard on " + node.nodeId());
        URI url = URI.create(node.webSocketUri() + "?ticket=" + JSON.readTree(ticket.body()).path("ticket").asString()
                + moreQuery);
        webSockets.connect(recorder, url).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        recorder.assertOpen();
        return recorder;
    }

    /** As if a bedside device on {@code node} had sent a reading with this pulse (every other vital normal). */
    static void publish(ScalingServer node, String patient, int pulse) {
        node.secure().monitor().stream().onReading(new VitalSigns(patient, Instant.now(), pulse, 97, 37.0, 120, 80, 16));
    }

    /** The value of one sample on a Prometheus text page ({@code name} with its labels), if the page has it. */
    static Optional<Double> sample(String page, String name) {
        return page.lines()
                .filter(line -> line.startsWith(name + " "))
                .map(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
                .findFirst();
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        try {
            webSockets.stop();
        } catch (Exception e) {
            first = e;
        }
        for (ScalingServer node : nodes) {
            try {
                node.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        redis.close();
        if (first != null) {
            throw first;
        }
    }
}
