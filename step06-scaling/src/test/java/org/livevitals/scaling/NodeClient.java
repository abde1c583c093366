package org.livevitals.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.livevitals.testkit.WebSocketRecorder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a person's browser does against any node: sign in, get a ticket, open a dashboard session, and
 * read what it is sent. Closes every session it opened.
 */
final class NodeClient implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The demo users (Lab 5's Users.demo()). */
    record User(String name, String password) {}
    static final User DOCTOR = new User("dr.lee", "doctor-demo");
    static final User ICU_NURSE = new User("nurse.kim", "nurse-demo");
    static final User CARDIOLOGY_NURSE = new User("nurse.ortiz", "nurse-demo");
    static final User ADMIN = new User("admin.ray", "admin-demo");

    private final WebSocketClient webSockets = new WebSocketClient();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Cluster.PATIENCE).build();

    NodeClient() throws Exception {
        webSockets.start();
    }

    String signIn(URI node, User user) throws Exception {
        HttpResponse<String> answer = post(node.resolve("/api/login"),
                JSON.writeValueAsString(Map.of("username", user.name(), "password", user.password())), null);
        assertThat(answer.statusCode()).as("sign-in of %s at %s: %s", user.name(), node, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("token").asString();
    }

    String ticket(URI node, String token) throws Exception {
        HttpResponse<String> answer = post(node.resolve("/api/tickets"), "", token);
        assertThat(answer.statusCode()).as("ticket at %s: %s", node, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("ticket").asString();
    }

    HttpResponse<String> post(URI url, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Cluster.PATIENCE)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(URI url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Cluster.PATIENCE).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in on {@code node} and opens a session there; returns it once its opening (snapshot, alerts) is read. */
    Dashboard open(ScalingServer node, User user) throws Exception {
        return open(node.httpUri(), signIn(node.httpUri(), user), user.name(), "");
    }

    /**
     * Opens a session on the node at {@code http} with a fresh ticket and extra query (a resume:
     * {@code &epoch=...&lastSeq=...}); returns it once its first message and the alert list are read.
     */
    Dashboard open(URI http, String token, String name, String moreQuery) throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder(name);
        URI url = URI.create("ws://" + http.getHost() + ":" + http.getPort() + "/ws?ticket=" + ticket(http, token) + moreQuery);
        webSockets.connect(recorder, url).get(Cluster.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        recorder.assertOpen();
        Dashboard dashboard = new Dashboard(recorder);
        JsonNode message = dashboard.next();
        dashboard.opening.add(message);
        while (!"alerts".equals(message.path("type").asString())) {
            message = dashboard.next();
            dashboard.opening.add(message);
        }
        dashboard.first = dashboard.opening.get(0);
        return dashboard;
    }

    /** Tries to open a session on {@code http} with this very ticket; returns the recorder, open or refused. */
    WebSocketRecorder tryOpen(URI http, String ticket) throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder("ticket " + ticket.substring(0, 8));
        URI url = URI.create("ws://" + http.getHost() + ":" + http.getPort() + "/ws?ticket=" + ticket);
        try {
            webSockets.connect(recorder, url).get(Cluster.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException refused) {
            // the recorder holds the refusal for the test to assert
        }
        return recorder;
    }

    /** A dashboard session: its messages in order, heartbeats skipped. */
    static final class Dashboard {
        private final WebSocketRecorder recorder;
        private final Deque<JsonNode> pushedBack = new ArrayDeque<>();
        /** The first message: a snapshot or a recovery. */
        JsonNode first;
        /** Every message up to and including the list of active alerts (after a failed recovery: its snapshot too). */
        final List<JsonNode> opening = new ArrayList<>();

        Dashboard(WebSocketRecorder recorder) {
            this.recorder = recorder;
        }

        WebSocketRecorder recorder() {
            return recorder;
        }

        /** The next message that is not a heartbeat. */
        JsonNode next() {
            if (!pushedBack.isEmpty()) {
                return pushedBack.removeFirst();
            }
            JsonNode message = JSON.readTree(recorder.nextTextAfterPings());
            while ("heartbeat".equals(message.path("type").asString())) {
                message = JSON.readTree(recorder.nextTextAfterPings());
            }
            return message;
        }

        /** The next message of this type, past others. */
        JsonNode nextOfType(String type) {
            JsonNode message = next();
            while (!type.equals(message.path("type").asString())) {
                message = next();
            }
            return message;
        }

        /** The next reading of this patient, past other messages. */
        JsonNode nextReadingOf(String patient) {
            JsonNode message = nextOfType("reading");
            while (!patient.equals(message.path("patient").asString())) {
                message = nextOfType("reading");
            }
            return message;
        }

        void send(String json) {
            recorder.session().sendText(json, org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
    }

    @Override
    public void close() throws Exception {
        webSockets.stop();
    }
}
