package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.testkit.RawHttp;
import org.livevitals.testkit.WebSocketRecorder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Lab 5 server for a test, with the calls a client makes: sign in, get a ticket, open a dashboard
 * session, call the API. Closes everything it opened.
 */
final class SecureFixture implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(10);
    /** Heartbeats a minute apart: for scenarios that read the stream message by message. */
    static final ResumeSettings QUIET = ResumeSettings.withHeartbeat(ResumeSettings.DEFAULT_HISTORY_SIZE, Duration.ofMinutes(1));
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The demo users (Users.demo()). */
    record User(String name, String password) {}
    static final User DOCTOR = new User("dr.lee", "doctor-demo");
    static final User ICU_NURSE = new User("nurse.kim", "nurse-demo");
    static final User CARDIOLOGY_NURSE = new User("nurse.ortiz", "nurse-demo");
    static final User ADMIN = new User("admin.ray", "admin-demo");

    /** On the ICU and on cardiology (Wards.ofSimulatedPatients). */
    static final String ICU_PATIENT = "P001";
    static final String CARDIOLOGY_PATIENT = "P002";

    final SecureServer server;
    private final WebSocketClient webSockets = new WebSocketClient();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();

    SecureFixture(Path dataDir) throws Exception {
        this(SecuritySettings.forTests(dataDir), ResumeSettings.forTests());
    }

    SecureFixture(SecuritySettings security, ResumeSettings resume) throws Exception {
        this(MonitorSettings.forTests(), security, resume, ClinicalSettings.DEFAULTS);
    }

    SecureFixture(MonitorSettings monitor, SecuritySettings security, ResumeSettings resume, ClinicalSettings clinical)
            throws Exception {
        server = SecureServer.newServer(monitor, resume, security, clinical, Clock.systemUTC()).start();
        webSockets.start();
    }

    /** Signs in and returns the sign-in token. */
    String signIn(User user) throws Exception {
        HttpResponse<String> answer = post("/api/login", credentials(user.name(), user.password()), null);
        assertThat(answer.statusCode()).as("sign-in of %s: %s", user.name(), answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("token").asString();
    }

    static String credentials(String user, String password) {
        return JSON.writeValueAsString(Map.of("username", user, "password", password));
    }

    /** A ticket for one handshake. */
    String ticket(String token) throws Exception {
        HttpResponse<String> answer = post("/api/tickets", "", token);
        assertThat(answer.statusCode()).as("ticket: %s", answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("ticket").asString();
    }

    HttpResponse<String> post(String path, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.httpUri().resolve(path)).timeout(PATIENCE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.httpUri().resolve(path)).timeout(PATIENCE).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * GET {@code target} exactly as written, signed in with {@code token}: for a query Java's {@link URI}
     * cannot hold, such as a broken {@code %} escape.
     */
    RawHttp.Answer getAsWritten(String target, String token) throws Exception {
        return RawHttp.get(server.httpUri(), target, Map.of("Authorization", "Bearer " + token));
    }

    /** A dashboard that has read its opening: the snapshot and the list of active alerts. */
    Dashboard openDashboard(User user) throws Exception {
        Dashboard dashboard = dashboard(user);
        assertThat(dashboard.next().path("type").asString()).as("%s's first message", user.name()).isEqualTo("snapshot");
        dashboard.nextAlertList();
        return dashboard;
    }

    /** Signs in, gets a ticket and opens a session; returns it once its first message (the snapshot) is read. */
    Dashboard dashboard(User user) throws Exception {
        return dashboard(user.name(), ticket(signIn(user)), "", null);
    }

    /** Opens a session with this ticket (null for none), extra query ({@code &epoch=...}) and Origin (null for none). */
    Dashboard dashboard(String name, String ticket, String moreQuery, String origin) throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder(name);
        ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
        if (origin != null) {
            upgrade.setHeader("Origin", origin);
        }
        String query = ticket == null ? moreQuery.replaceFirst("^&", "") : "ticket=" + ticket + moreQuery;
        URI url = URI.create(server.webSocketUri() + (query.isEmpty() ? "" : "?" + query));
        try {
            webSockets.connect(recorder, url, upgrade).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            recorder.assertOpen();
        } catch (ExecutionException refused) {
            // the recorder holds the refusal (UpgradeRefused) for the test to assert
        }
        return new Dashboard(recorder);
    }

    /**
     * A dashboard session and what it received, message by message, as JSON.
     *
     * <p>{@link #next()} reads the readings side of the stream (snapshots, readings, recoveries, errors,
     * heartbeats); the alert messages between them ({@code alerts} lists and {@code alert} changes) are
     * kept aside for {@link #nextAlert()} and {@link #nextAlertList()}, so a scenario about readings is
     * not thrown by a technical alarm, and a scenario about alerts is not thrown by a reading.
     */
    static final class Dashboard {
        private final WebSocketRecorder recorder;
        private final Deque<JsonNode> readingsSide = new ArrayDeque<>();
        private final Deque<JsonNode> alertsSide = new ArrayDeque<>();

        Dashboard(WebSocketRecorder recorder) {
            this.recorder = recorder;
        }

        WebSocketRecorder recorder() {
            return recorder;
        }

        JsonNode next() {
            return nextOf(readingsSide, alertsSide, false);
        }

        /** The next {@code alert} message (a change of one alert). */
        JsonNode nextAlert() {
            JsonNode message = nextOf(alertsSide, readingsSide, true);
            while (!"alert".equals(message.path("type").asString())) {
                message = nextOf(alertsSide, readingsSide, true);
            }
            return message;
        }

        /** The next {@code alert} message about {@code source} (e.g. {@code SpO2}, {@code NEWS2}), past others. */
        JsonNode nextAlertFrom(String source) {
            JsonNode message = nextAlert();
            while (!source.equals(message.path("source").asString())) {
                message = nextAlert();
            }
            return message;
        }

        /** The next {@code alerts} list (what a session is sent when it opens). */
        JsonNode nextAlertList() {
            JsonNode message = nextOf(alertsSide, readingsSide, true);
            while (!"alerts".equals(message.path("type").asString())) {
                message = nextOf(alertsSide, readingsSide, true);
            }
            return message;
        }

        /** The next message that is not a heartbeat. */
        JsonNode nextNonHeartbeat() {
            JsonNode message = next();
            while ("heartbeat".equals(message.path("type").asString())) {
                message = next();
            }
            return message;
        }

        /** The alert messages read past by {@link #next()} and not yet taken. */
        List<JsonNode> alertsSoFar() {
            return List.copyOf(alertsSide);
        }

        /** Sends a message, as a page would. */
        void send(String json) {
            recorder.session().sendText(json, org.eclipse.jetty.websocket.api.Callback.NOOP);
        }

        private JsonNode nextOf(Deque<JsonNode> wanted, Deque<JsonNode> other, boolean alerts) {
            if (!wanted.isEmpty()) {
                return wanted.removeFirst();
            }
            while (true) {
                JsonNode message = JSON.readTree(recorder.nextTextAfterPings());
                if (isAlertMessage(message) == alerts) {
                    return message;
                }
                other.addLast(message);
            }
        }

        private static boolean isAlertMessage(JsonNode message) {
            String type = message.path("type").asString();
            return "alert".equals(type) || "alerts".equals(type);
        }
    }

    /** A reading with every vital in its normal range (NEWS2 0) but the ones a scenario sets. */
    static VitalSigns reading(String patient, int pulse, int spo2, double temperature, int systolic, int respiratoryRate) {
        return new VitalSigns(patient, Instant.now(), pulse, spo2, temperature, systolic, 80, respiratoryRate);
    }

    static VitalSigns withSpo2(String patient, int spo2) {
        return reading(patient, 70, spo2, 37.0, 120, 16);
    }

    void publish(VitalSigns reading) {
        server.monitor().stream().onReading(reading);
    }

    void publish(String patient, int pulse) {
        server.monitor().stream().onReading(new VitalSigns(patient, Instant.now(), pulse, 97, 37.0, 120, 80, 16));
    }

    @Override
    public void close() throws Exception {
        try {
            webSockets.stop();
        } finally {
            server.close();
        }
    }
}
