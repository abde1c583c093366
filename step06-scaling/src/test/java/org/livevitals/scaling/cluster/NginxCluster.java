package org.livevitals.scaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.livevitals.scaling.EmbeddedRedis;
import org.livevitals.scaling.Main;
import org.livevitals.security.SigningKey;
import org.livevitals.testkit.ChildJvm;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cluster as the lab runs it, for the nginx scenarios: an embedded Redis, nodes that are this step's
 * {@code server} in JVMs of their own (so a test can crash one with SIGKILL), and nginx in front, on the
 * repository's configuration rendered with free ports. Closing it stops nginx gracefully and kills the
 * nodes and Redis, whatever happened in the test.
 */
final class NginxCluster implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** A node starts in a few seconds; a loaded two-core machine running two at once needs more. */
    private static final Duration NODE_START = Duration.ofSeconds(90);
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern READY = Pattern.compile("Dashboard: open http://localhost:(\\d+)/");

    /** The demo users (Lab 5's): their passwords are public, in README.md. */
    record User(String name, String password) {}
    static final User DOCTOR = new User("dr.lee", "doctor-demo");
    static final User ADMIN = new User("admin.ray", "admin-demo");

    private final EmbeddedRedis redis;
    private final Map<String, ChildJvm> nodes = new LinkedHashMap<>();
    private final Map<String, Integer> nodePorts = new LinkedHashMap<>();
    private final int port;
    private final Nginx nginx;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();

    private NginxCluster(EmbeddedRedis redis, int port, List<String> ids, Path dataDir, Path nginxExecutable) {
        this.redis = redis;
        this.port = port;
        boolean started = false;
        try {
            Path key = SigningKey.development(dataDir.resolve("shared")).file();
            for (String id : ids) {
                ChildJvm node = ChildJvm.start(id, Main.class, List.of("server", "--port", "0", "--device-port", "0",
                        "--patients", "0", "--redis", redis.uri(), "--node-id", id, "--data-dir", dataDir.resolve(id).toString(),
                        "--signing-key", key.toString(), "--tls-port", "-1", "--no-record",
                        "--allow-origin", "http://127.0.0.1:" + port, "--allow-origin", "http://localhost:" + port,
                        "--trusted-proxy", ClusterPlan.NGINX_ADDRESS),
                        READY, NODE_START);
                nodes.put(id, node);
                nodePorts.put(id, Integer.parseInt(node.readyMatch().group(1)));
            }
            List<String> upstreams = nodePorts.values().stream().map(p -> "127.0.0.1:" + p).toList();
            Path prefix = dataDir.resolve("nginx");
            NginxConfig.writeTo(prefix, NginxConfig.render(NginxFixture.template(), port, upstreams));
            this.nginx = Nginx.start(nginxExecutable, prefix, line -> System.out.println("[nginx] " + line));
            started = true;
        } finally {
            if (!started) {
                closeNodesAndRedis();
            }
        }
    }

    /** Starts Redis, the nodes {@code ids} and nginx in front; skips the test when there is no nginx (fails on CI). */
    static NginxCluster start(Path dataDir, String... ids) throws Exception {
        Path nginx = NginxFixture.nginxOrSkip();
        return new NginxCluster(EmbeddedRedis.startOnFreePort(), NginxFixture.freePort(), List.of(ids), dataDir, nginx);
    }

    /** Where clients go: nginx. */
    URI entry() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    int nodePort(String id) {
        return nodePorts.get(id);
    }

    List<String> nodeIds() {
        return new ArrayList<>(nodes.keySet());
    }

    /** Crashes node {@code id} with SIGKILL. */
    void kill(String id) {
        nodes.get(id).kill();
    }

    /** Signs {@code user} in through nginx; returns the token. */
    String signIn(User user) throws Exception {
        HttpResponse<String> answer = post(entry().resolve("/api/login"),
                JSON.writeValueAsString(Map.of("username", user.name(), "password", user.password())), null);
        assertThat(answer.statusCode()).as("sign-in of %s through nginx: %s", user.name(), answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("token").asString();
    }

    /** A WebSocket ticket, got through nginx. */
    String ticket(String token) throws Exception {
        HttpResponse<String> answer = post(entry().resolve("/api/tickets"), "", token);
        assertThat(answer.statusCode()).as("a ticket through nginx: %s", answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("ticket").asString();
    }

    /** A reading for {@code patient} with {@code pulse}, sent through nginx as a device's gateway would (any node takes it). */
    void publish(String token, String patient, int pulse) throws Exception {
        String body = "{\"patient\":\"" + patient + "\",\"time\":\"" + Instant.now() + "\",\"heartRate\":" + pulse
                + ",\"spo2\":97,\"temperature\":37.0,\"systolic\":120,\"diastolic\":80,\"respiratoryRate\":16}";
        HttpResponse<String> answer = post(entry().resolve("/api/readings"), body, token);
        assertThat(answer.statusCode()).as("POST /api/readings through nginx (pulse %d): %s", pulse, answer.body()).isEqualTo(202);
    }

    /** How many dashboard sessions node {@code id} holds, asked of that node directly (an admin's token is good on every node). */
    int sessionsOn(String id, String adminToken) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodePort(id) + "/api/admin/sessions"))
                .timeout(PATIENCE).header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("the sessions of %s: %s", id, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).size();
    }

    private HttpResponse<String> post(URI url, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(PATIENCE)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void closeNodesAndRedis() {
        nodes.values().forEach(ChildJvm::close);
        redis.close();
    }

    @Override
    public void close() {
        try {
            nginx.stop();
        } finally {
            closeNodesAndRedis();
        }
    }
}
