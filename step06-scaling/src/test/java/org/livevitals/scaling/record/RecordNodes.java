package org.livevitals.scaling.record;

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
import org.livevitals.testkit.RawHttp;
import org.livevitals.testkit.WebSocketRecorder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nodes with the record switched on, for the part 2 scenarios, and the calls a person's browser makes to
 * them: sign in, GET a path, open a dashboard. A node is alone on the in-memory backplane, or joins the
 * others on an embedded Redis started when the first one asks. The nodes share a signing key (a token
 * from one is good on all) and keep their own data directories (audit files). Closes everything it started.
 */
final class RecordNodes implements AutoCloseable {

    /** How long a scenario waits for something the record does on its own thread. */
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Heartbeats a minute apart: the scenarios read a dashboard's stream message by message. */
    static final ResumeSettings QUIET = ResumeSettings.withHeartbeat(ResumeSettings.DEFAULT_HISTORY_SIZE, Duration.ofMinutes(1));
    static final MonitorSettings NEVER_STALE = MonitorSettings.forTests().withStaleAfter(Duration.ofMinutes(10));

    /** The demo users (Lab 5's Users.demo()). */
    record User(String name, String password) {}
    static final User DOCTOR = new User("dr.lee", "doctor-demo");
    static final User ICU_NURSE = new User("nurse.kim", "nurse-demo");
    static final User CARDIOLOGY_NURSE = new User("nurse.ortiz", "nurse-demo");
    static final User ADMIN = new User("admin.ray", "admin-demo");
    /** On the ICU and on cardiology (Lab 5's Wards.ofSimulatedPatients). */
    static final String ICU_PATIENT = "P001";
    static final String CARDIOLOGY_PATIENT = "P002";

    private final Path dataDir;
    private final Path signingKey;
    private final List<ScalingServer> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();
    private final WebSocketClient webSockets = new WebSocketClient();
    private EmbeddedRedis redis;

    RecordNodes(Path dataDir) throws Exception {
        this.dataDir = dataDir;
        this.signingKey = SigningKey.development(dataDir.resolve("shared")).file();
        webSockets.start();
    }

    /** A node on its own (in-memory backplane) that keeps its record in {@code record}. */
    ScalingServer node(String id, RecordSettings record) throws Exception {
        return start(new ScalingSettings(id, null, record), Clock.systemUTC());
    }

    /** As {@link #node(String, RecordSettings)}, on a clock the test sets. */
    ScalingServer node(String id, RecordSettings record, Clock clock) throws Exception {
        return start(new ScalingSettings(id, null, record), clock);
    }

    /** A node of a cluster: on the Redis all such nodes share, keeping its record in {@code record}. */
    ScalingServer clusterNode(String id, RecordSettings record) throws Exception {
        synchronized (this) {
            if (redis == null) {
                redis = EmbeddedRedis.startOnFreePort();
            }
        }
        return start(ScalingSettings.onRedis(id, redis.uri()).withRecord(record), Clock.systemUTC());
    }

    private ScalingServer start(ScalingSettings scaling, Clock clock) throws Exception {
        ScalingServer node = ScalingServer.newServer(NEVER_STALE, QUIET,
                SecuritySettings.forTests(dataDir.resolve(scaling.nodeId())).withSigningKey(signingKey),
                ClinicalSettings.DEFAULTS, scaling, clock).start();
        nodes.add(node);
        return node;
    }

    /** Stops a node as its operator would (its record flushed and closed, an embedded database stopped). */
    void stop(ScalingServer node) throws Exception {
        nodes.remove(node);
        node.close();
    }

    /** The node's record: the test fails at once if the node has none. */
    static RecordStore record(ScalingServer node) {
        return node.record().orElseThrow(() -> new AssertionError("node " + node.nodeId() + " has no record"));
    }

    /** The node's audit file (Lab 5's trail, which the record ships into the table). */
    Path auditFile(String nodeId) {
        return SecuritySettings.forTests(dataDir.resolve(nodeId)).auditFile();
    }

    /** A reading taken at {@code takenAt} with every vital normal (no alert) but the pulse. */
    static VitalSigns reading(String patient, Instant takenAt, int pulse) {
        return new VitalSigns(patient, takenAt, pulse, 97, 37.0, 120, 80, 16);
    }

    /** As if a bedside device on {@code node} had sent it: the stream publishes it, the record keeps it. */
    static void publish(ScalingServer node, VitalSigns reading) {
        node.secure().monitor().stream().onReading(reading);
    }

    String signIn(ScalingServer node, User user) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(node.httpUri().resolve("/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", user.name(), "password", user.password())))), null);
        assertThat(answer.statusCode()).as("sign-in of %s on %s: %s", user.name(), node.nodeId(), answer.body())
                .isEqualTo(200);
        return JSON.readTree(answer.body()).path("token").asString();
    }

    /** GET {@code pathAndQuery} on {@code node}, signed in with {@code token} (none when null). */
    HttpResponse<String> get(ScalingServer node, String pathAndQuery, String token) throws Exception {
        return send(HttpRequest.newBuilder(node.httpUri().resolve(pathAndQuery)).GET(), token);
    }

    /**
     * GET {@code target} on {@code node} exactly as written, signed in with {@code token}: for a query Java's
     * {@link URI} cannot hold, such as a broken {@code %} escape.
     */
    RawHttp.Answer getAsWritten(ScalingServer node, String target, String token) throws Exception {
        return RawHttp.get(node.httpUri(), target, Map.of("Authorization", "Bearer " + token));
    }

    /** GET that must answer 200; returns the body as JSON. */
    JsonNode getJson(ScalingServer node, String pathAndQuery, String token) throws Exception {
        HttpResponse<String> answer = get(node, pathAndQuery, token);
        assertThat(answer.statusCode()).as("GET %s on %s: %s", pathAndQuery, node.nodeId(), answer.body())
                .isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** {@code GET /metrics} on {@code node}: the Prometheus text. */
    String metrics(ScalingServer node) throws Exception {
        HttpResponse<String> answer = get(node, "/metrics", null);
        assertThat(answer.statusCode()).as("GET /metrics on %s", node.nodeId()).isEqualTo(200);
        return answer.body();
    }

    /** The value of one sample on a Prometheus text page ({@code name} with its labels), if the page has it. */
    static Optional<Double> sample(String page, String name) {
        return page.lines()
                .filter(line -> line.startsWith(name + " "))
                .map(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
                .findFirst();
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        request.timeout(PATIENCE);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a dashboard session on {@code node} with a fresh ticket; returns it once its opening is read. */
    Dashboard dashboard(ScalingServer node, User user) throws Exception {
        String token = signIn(node, user);
        HttpResponse<String> ticket = send(HttpRequest.newBuilder(node.httpUri().resolve("/api/tickets"))
                .POST(HttpRequest.BodyPublishers.noBody()), token);
        assertThat(ticket.statusCode()).as("ticket: %s", ticket.body()).isEqualTo(200);
        WebSocketRecorder recorder = new WebSocketRecorder(user.name() + " on " + node.nodeId());
        URI url = URI.create(node.webSocketUri() + "?ticket=" + JSON.readTree(ticket.body()).path("ticket").asString());
        webSockets.connect(recorder, url).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        recorder.assertOpen();
        Dashboard dashboard = new Dashboard(recorder);
        dashboard.nextOfType("alerts"); // the opening: a snapshot, then the active alerts
        return dashboard;
    }

    /** A dashboard session: its messages in order, heartbeats skipped. */
    static final class Dashboard {
        private final WebSocketRecorder recorder;

        Dashboard(WebSocketRecorder recorder) {
            this.recorder = recorder;
        }

        /** The next message that is not a heartbeat. */
        JsonNode next() {
            JsonNode message = JSON.readTree(recorder.nextTextAfterPings());
            while ("heartbeat".equals(message.path("type").asString())) {
                message = JSON.readTree(recorder.nextTextAfterPings());
            }
            return message;
        }

        JsonNode nextOfType(String type) {
            JsonNode message = next();
            while (!type.equals(message.path("type").asString())) {
                message = next();
            }
            return message;
        }

        /** The pulse of the next reading of this patient, past other messages. */
        int nextPulseOf(String patient) {
            JsonNode message = nextOfType("reading");
            while (!patient.equals(message.path("patient").asString())) {
                message = nextOfType("reading");
            }
            return message.path("vitals").path("heartRate").path("value").asInt();
        }
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        try {
            webSockets.stop();
        } catch (Exception e) {
            first = e;
        }
        for (ScalingServer node : List.copyOf(nodes)) {
            try {
                node.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (redis != null) {
            redis.close();
        }
        if (first != null) {
            throw first;
        }
    }
}
